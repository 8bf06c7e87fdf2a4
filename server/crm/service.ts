import { and, eq } from 'drizzle-orm';
import type { PgBoss } from 'pg-boss';
import { crmConnections, summaries } from '../../db/schema';
import type { Tx } from '../../db/tenant';
import { sendJob } from '../../jobs/boss';

/**
 * Queues a sync to every connected CRM, inside the caller's transaction: the jobs exist exactly
 * when the approval (or summary) they follow does. Returns the CRMs queued.
 */
export async function queueCrmSync(tx: Tx, boss: PgBoss, orgId: string, engagementId: string): Promise<Array<'hubspot' | 'salesforce'>> {
  const connected = await tx
    .select({ kind: crmConnections.kind })
    .from(crmConnections)
    .where(and(eq(crmConnections.orgId, orgId), eq(crmConnections.status, 'connected')));
  for (const { kind } of connected) {
    await sendJob(boss, 'crm.sync', { orgId, engagementId, crmKind: kind }, { tx: tx.$client, singletonKey: `${engagementId}:${kind}` });
  }
  if (connected.length > 0) {
    await tx.update(summaries).set({ crmSyncState: 'queued' }).where(eq(summaries.engagementId, engagementId));
  }
  return connected.map((c) => c.kind);
}
