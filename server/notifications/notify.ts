import { and, desc, eq, inArray, isNull, sql } from 'drizzle-orm';
import { notifications } from '../../db/schema';
import type { Tx } from '../../db/tenant';
import type { NotificationView, Role } from '../contract/api';

export interface Notice {
  orgId: string;
  /** A stable machine name, e.g. 'billing_limit_reached', 'zoom_reauth_required'. */
  kind: string;
  message: string;
  /** The lowest role that sees it; everyone above sees it too. */
  audience: Role;
  /**
   * At most one notification per key and organization, ever (dismissed ones included): put the
   * period or the connection in the key, or clearNotification() once the condition is over.
   */
  dedupeKey?: string;
}

/** Raises a notification in the caller's transaction; false when one with the same dedupe key exists. */
export async function notify(tx: Tx, notice: Notice): Promise<boolean> {
  const inserted = await tx
    .insert(notifications)
    .values({ orgId: notice.orgId, kind: notice.kind, message: notice.message, audience: notice.audience, dedupeKey: notice.dedupeKey ?? null })
    .onConflictDoNothing({ target: [notifications.orgId, notifications.dedupeKey] })
    .returning({ id: notifications.id });
  return inserted.length > 0;
}

/** The condition is over (reconnected, new billing period): forget the notice, so it can be raised again. */
export async function clearNotification(tx: Tx, dedupeKey: string): Promise<void> {
  await tx.delete(notifications).where(eq(notifications.dedupeKey, dedupeKey));
}

const AUDIENCES_SEEN_BY: Record<Role, Role[]> = {
  agent: ['agent'],
  supervisor: ['agent', 'supervisor'],
  admin: ['agent', 'supervisor', 'admin'],
};

export const NOTIFICATION_LIMIT = 20;

export async function listNotifications(tx: Tx, role: Role): Promise<NotificationView[]> {
  const rows = await tx
    .select()
    .from(notifications)
    .where(and(inArray(notifications.audience, AUDIENCES_SEEN_BY[role]), isNull(notifications.dismissedAt)))
    .orderBy(desc(notifications.createdAt), desc(notifications.id))
    .limit(NOTIFICATION_LIMIT);
  return rows.map((row) => ({ id: row.id, kind: row.kind, message: row.message, createdAt: row.createdAt.toISOString() }));
}

/** Dismisses for the whole organization; only a notification this role can see. False when there is none. */
export async function dismissNotification(tx: Tx, role: Role, id: string): Promise<boolean> {
  const [row] = await tx
    .select({ id: notifications.id })
    .from(notifications)
    .where(and(eq(notifications.id, id), inArray(notifications.audience, AUDIENCES_SEEN_BY[role])))
    .limit(1);
  if (!row) return false;
  await tx
    .update(notifications)
    .set({ dismissedAt: sql`now()` })
    .where(and(eq(notifications.id, id), isNull(notifications.dismissedAt)));
  return true;
}
