import { desc, lt, and, eq } from 'drizzle-orm';
import { auditLog } from '../../db/schema';
import type { Tx } from '../../db/tenant';

export type AuditAction =
  | 'auth.sign_in'
  | 'auth.sign_out'
  | 'auth.sign_out_everywhere'
  | 'user.role_changed'
  | 'settings.updated'
  | 'category.created'
  | 'category.updated'
  | 'category.deleted'
  | 'categories.reordered'
  | 'summary.edited'
  | 'summary.approved'
  | 'summary.retried'
  | 'crm.connected'
  | 'crm.disconnected'
  | 'crm.sync_retried'
  | 'billing.checkout_started'
  | 'billing.subscription_changed'
  | 'account.export_requested'
  | 'account.export_downloaded'
  | 'account.deletion_requested'
  | 'account.deletion_cancelled'
  | 'zoom.deauthorized'
  | 'zoom.reauthorized';

export interface AuditEntry {
  orgId: string;
  actorUserId: string | null;
  /** Shown in the log: the user's name, or "Zoom", "Stripe", "CallRecap" for system actors. */
  actorLabel: string;
  action: AuditAction;
  targetType?: string;
  targetId?: string;
  details?: Record<string, unknown>;
}

/** Written in the same transaction as the change it records, so neither exists without the other. */
export async function recordAudit(tx: Tx, entry: AuditEntry): Promise<void> {
  await tx.insert(auditLog).values({
    orgId: entry.orgId,
    actorUserId: entry.actorUserId,
    actorLabel: entry.actorLabel,
    action: entry.action,
    targetType: entry.targetType ?? null,
    targetId: entry.targetId ?? null,
    details: entry.details ?? {},
  });
}

export async function listAudit(tx: Tx, orgId: string, options: { before?: number; limit: number }) {
  return tx
    .select()
    .from(auditLog)
    .where(and(eq(auditLog.orgId, orgId), options.before ? lt(auditLog.id, options.before) : undefined))
    .orderBy(desc(auditLog.id))
    .limit(options.limit);
}
