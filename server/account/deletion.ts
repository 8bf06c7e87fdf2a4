import { and, eq, gt, isNotNull, isNull } from 'drizzle-orm';
import { organizations, users } from '../../db/schema';
import type { Tx } from '../../db/tenant';
import type { AccountView } from '../contract/api';
import { recordAudit } from '../audit/audit-log';
import { recentExports, toExportView } from './exports';

/** The privacy policy's grace period: deletion can be cancelled for 30 days, then everything goes. */
export const DELETION_GRACE_MS = 30 * 24 * 3600_000;

interface Actor {
  orgId: string;
  userId: string;
  actorLabel: string;
  now: Date;
}

export async function loadAccountView(tx: Tx, orgId: string, now: Date): Promise<AccountView> {
  const [org] = await tx
    .select({
      id: organizations.id,
      name: organizations.name,
      createdAt: organizations.createdAt,
      requestedAt: organizations.deletionRequestedAt,
      scheduledFor: organizations.deletionScheduledFor,
      requestedBy: users.name,
    })
    .from(organizations)
    .leftJoin(users, eq(users.id, organizations.deletionRequestedBy))
    .where(eq(organizations.id, orgId));
  if (!org) throw new Error('The signed-in organization does not exist.');
  const exports = await recentExports(tx);
  return {
    org: { id: org.id, name: org.name, createdAt: org.createdAt.toISOString() },
    deletion:
      org.requestedAt && org.scheduledFor
        ? { requestedAt: org.requestedAt.toISOString(), scheduledFor: org.scheduledFor.toISOString(), requestedBy: org.requestedBy }
        : null,
    exports: exports.map((row) => toExportView(row, now)),
  };
}

/** Schedules deletion 30 days out; asking again keeps the first schedule. True when newly scheduled. */
export async function requestDeletion(tx: Tx, actor: Actor): Promise<boolean> {
  const scheduledFor = new Date(actor.now.getTime() + DELETION_GRACE_MS);
  const updated = await tx
    .update(organizations)
    .set({ deletionRequestedAt: actor.now, deletionScheduledFor: scheduledFor, deletionRequestedBy: actor.userId, updatedAt: actor.now })
    .where(and(eq(organizations.id, actor.orgId), isNull(organizations.deletionScheduledFor)))
    .returning({ id: organizations.id });
  if (updated.length === 0) return false;
  await recordAudit(tx, {
    orgId: actor.orgId,
    actorUserId: actor.userId,
    actorLabel: actor.actorLabel,
    action: 'account.deletion_requested',
    targetType: 'organization',
    targetId: actor.orgId,
    details: { scheduledFor: scheduledFor.toISOString() },
  });
  return true;
}

export type CancelResult = 'cancelled' | 'not_scheduled' | 'grace_period_over';

/** Cancels a scheduled deletion while the grace period lasts; after it the purge may already be under way. */
export async function cancelDeletion(tx: Tx, actor: Actor): Promise<CancelResult> {
  const [org] = await tx
    .select({ scheduledFor: organizations.deletionScheduledFor })
    .from(organizations)
    .where(eq(organizations.id, actor.orgId))
    .for('update');
  if (!org?.scheduledFor) return 'not_scheduled';
  const cancelled = await tx
    .update(organizations)
    .set({ deletionRequestedAt: null, deletionScheduledFor: null, deletionRequestedBy: null, updatedAt: actor.now })
    .where(and(eq(organizations.id, actor.orgId), isNotNull(organizations.deletionScheduledFor), gt(organizations.deletionScheduledFor, actor.now)))
    .returning({ id: organizations.id });
  if (cancelled.length === 0) return 'grace_period_over';
  await recordAudit(tx, {
    orgId: actor.orgId,
    actorUserId: actor.userId,
    actorLabel: actor.actorLabel,
    action: 'account.deletion_cancelled',
    targetType: 'organization',
    targetId: actor.orgId,
    details: { wasScheduledFor: org.scheduledFor.toISOString() },
  });
  return 'cancelled';
}
