import { asc, eq, sql } from 'drizzle-orm';
import { users } from '../../db/schema';
import type { Tx } from '../../db/tenant';
import type { Role, UserView } from '../contract/api';
import type { AuthContext } from '../auth/current-user';
import { recordAudit } from '../audit/audit-log';
import { conflict, notFound } from '../http/errors';

type UserRow = typeof users.$inferSelect;

const toView = (row: UserRow): UserView => ({
  id: row.id,
  name: row.name,
  email: row.email,
  role: row.role,
  contactCenterRole: row.contactCenterRole,
  lastSignInAt: row.lastSignInAt?.toISOString() ?? null,
});

export async function listUserViews(tx: Tx): Promise<UserView[]> {
  const rows = await tx.select().from(users).orderBy(asc(users.name), asc(users.id));
  return rows.map(toView);
}

/**
 * Changes a user's CallRecap role. The organization must keep an admin: the admin rows are locked
 * first, so two admins demoting each other at once cannot both succeed.
 */
export async function changeRole(tx: Tx, actor: AuthContext, userId: string, role: Role): Promise<{ user: UserView; changed: boolean }> {
  const admins = await tx.select({ id: users.id }).from(users).where(eq(users.role, 'admin')).orderBy(asc(users.id)).for('update');
  const [target] = await tx.select().from(users).where(eq(users.id, userId)).for('update').limit(1);
  if (!target) throw notFound('No such user.');
  if (target.role === role) return { user: toView(target), changed: false };
  if (target.role === 'admin' && admins.length <= 1) {
    throw conflict(
      target.id === actor.userId
        ? 'You are the only admin: make someone else an admin before changing your own role.'
        : 'This is the only admin: make someone else an admin first.',
    );
  }
  const [updated] = await tx.update(users).set({ role, updatedAt: sql`now()` }).where(eq(users.id, userId)).returning();
  await recordAudit(tx, {
    orgId: actor.orgId,
    actorUserId: actor.userId,
    actorLabel: actor.name,
    action: 'user.role_changed',
    targetType: 'user',
    targetId: userId,
    details: { name: target.name, before: target.role, after: role },
  });
  return { user: toView(updated!), changed: true };
}
