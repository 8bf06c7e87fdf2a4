import type { Role } from '../../../../server/contract/api';

const RANK: Record<Role, number> = { agent: 0, supervisor: 1, admin: 2 };

export const ROLE_LABELS: Record<Role, string> = { agent: 'Agent', supervisor: 'Supervisor', admin: 'Admin' };

/** Whether `role` includes the powers of `required` (admin ⊃ supervisor ⊃ agent). */
export function hasRole(role: Role, required: Role): boolean {
  return RANK[role] >= RANK[required];
}
