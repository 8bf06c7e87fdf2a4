/** Audit actions in words; unknown actions fall back to a readable form of their code. */
const DESCRIPTIONS: Record<string, string> = {
  'auth.sign_in': 'Signed in',
  'auth.sign_out': 'Signed out',
  'auth.sign_out_everywhere': 'Signed out on every device',
  'summary.edited': 'Edited a summary',
  'summary.approved': 'Approved a summary',
  'summary.retried': 'Retried a summary',
  'crm.sync_retried': 'Retried a CRM sync',
  'crm.connected': 'Connected a CRM',
  'crm.disconnected': 'Disconnected a CRM',
  'category.created': 'Added a category',
  'category.updated': 'Changed a category',
  'category.deleted': 'Deleted a category',
  'categories.reordered': 'Reordered categories',
  'settings.updated': 'Changed summary settings',
  'user.role_changed': 'Changed a role',
  'account.export_requested': 'Requested a data export',
  'account.export_downloaded': 'Downloaded a data export',
  'account.deletion_requested': 'Scheduled the organization’s deletion',
  'account.deletion_cancelled': 'Cancelled the organization’s deletion',
  'billing.checkout_started': 'Started a plan change',
};

export function describeAction(action: string): string {
  const known = DESCRIPTIONS[action];
  if (known) return known;
  const words = action.replace(/[._]/g, ' ').trim();
  return words.charAt(0).toUpperCase() + words.slice(1);
}

/** One detail value as short text: strings as they are, anything else as compact JSON. */
export function detailText(value: unknown): string {
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean' || value === null) return String(value);
  return JSON.stringify(value) ?? '';
}
