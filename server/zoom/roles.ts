import type { Role } from '../auth/current-user';

/**
 * CallRecap role from Zoom's two role systems. Zoom Contact Center ships three built-in roles that
 * cannot be renamed (Admin, Supervisor, Agent); accounts may add custom roles, which map to agent
 * unless the organization maps them explicitly: a role name is free text, so guessing "admin" from it
 * would hand out privileges. Whoever installed the app, and Zoom account owners and admins, are admins.
 */

export interface RoleInput {
  /** `role_name` from GET /contact_center/users/{userId}. */
  contactCenterRoleName?: string | null;
  /** `role_name` from GET /users/me (Owner, Admin, Member or custom). */
  accountRoleName?: string | null;
  /** `role_id` from GET /users/me: "0" owner, "1" admin, "2" member on Zoom's default roles. */
  accountRoleId?: string | null;
  /** The user authorized the app for the account. */
  isInstaller?: boolean;
  /** Organization-chosen mapping for custom ZCC role names (matched case-insensitively). */
  customRoles?: Record<string, Role>;
}

const BUILT_IN_CONTACT_CENTER_ROLES = new Map<string, Role>([
  ['admin', 'admin'],
  ['supervisor', 'supervisor'],
  ['agent', 'agent'],
]);
const ACCOUNT_ADMIN_ROLE_NAMES = new Set(['owner', 'admin', 'account owner', 'account admin']);
const ACCOUNT_ADMIN_ROLE_IDS = new Set(['0', '1']);

export function callRecapRole(input: RoleInput): Role {
  if (input.isInstaller) return 'admin';
  const accountRole = normalize(input.accountRoleName);
  if (
    (accountRole && ACCOUNT_ADMIN_ROLE_NAMES.has(accountRole)) ||
    (input.accountRoleId && ACCOUNT_ADMIN_ROLE_IDS.has(input.accountRoleId))
  ) {
    return 'admin';
  }
  const ccRole = normalize(input.contactCenterRoleName);
  if (!ccRole) return 'agent';
  const builtIn = BUILT_IN_CONTACT_CENTER_ROLES.get(ccRole);
  if (builtIn) return builtIn;
  for (const [name, role] of Object.entries(input.customRoles ?? {}))
    if (normalize(name) === ccRole) return role;
  return 'agent';
}

function normalize(value: string | null | undefined): string | undefined {
  const trimmed = value?.trim().toLowerCase().replace(/\s+/g, ' ');
  return trimmed || undefined;
}
