import { and, eq, inArray, isNull } from 'drizzle-orm';
import { engagements, oauthCredentials, organizations, summaries } from '../../db/schema';
import { withOrg, withSystemLookup } from '../../db/tenant';
import type { Services } from '../../server/services';
import { ZoomReauthorizationRequired, zoomApiFor } from '../../server/zoom/service';
import { sendJob } from '../boss';
import type { JobHandler } from '../worker';

/** Zoom stops retrying a webhook after about 85 minutes; look back a day so an outage of hours loses nothing. */
export const RECONCILE_WINDOW_MS = 24 * 3_600_000;

/**
 * zoom.reconcile: the scheduled run fans out one job per connected organization; each lists the
 * organization's recent engagements from the API and queues those webhooks missed.
 */
export function zoomReconcileHandler(services: Services): JobHandler<'zoom.reconcile'> {
  return async ({ orgId }, job) => {
    if (!orgId) {
      const orgs = await withSystemLookup(services.db, (tx) =>
        tx.select({ id: organizations.id }).from(organizations).where(and(isNull(organizations.zoomDeauthorizedAt), isNull(organizations.deletionScheduledFor), eq(organizations.isDemo, false))),
      );
      for (const org of orgs) await sendJob(services.boss, 'zoom.reconcile', { orgId: org.id }, { singletonKey: `reconcile:${org.id}` });
      return;
    }
    const [org] = await withOrg(services.db, orgId, (tx) => tx.select().from(organizations).where(eq(organizations.id, orgId)));
    if (!org) return;
    const [credential] = await withOrg(services.db, orgId, (tx) =>
      tx.select({ id: oauthCredentials.id }).from(oauthCredentials).where(and(eq(oauthCredentials.provider, 'zoom'), eq(oauthCredentials.status, 'active'))).limit(1),
    );
    if (!credential) return;

    const api = zoomApiFor(services, orgId, org.zoomAccountId);
    const to = services.clock.now();
    const from = new Date(to.getTime() - RECONCILE_WINDOW_MS);
    let queued = 0;
    try {
      const ended: string[] = [];
      for await (const engagement of api.engagementsBetween(from, to)) {
        if (engagement.status === 'completed') ended.push(engagement.id);
      }
      for (let i = 0; i < ended.length; i += 500) {
        const batch = ended.slice(i, i + 500);
        const done = await withOrg(services.db, orgId, (tx) =>
          tx
            .select({ zoomId: engagements.zoomEngagementId })
            .from(engagements)
            .innerJoin(summaries, eq(summaries.engagementId, engagements.id))
            .where(and(inArray(engagements.zoomEngagementId, batch), inArray(summaries.status, ['ready', 'no_transcript', 'limit_reached', 'failed']))),
        );
        const handled = new Set(done.map((d) => d.zoomId));
        for (const zoomId of batch) {
          if (handled.has(zoomId)) continue;
          await sendJob(services.boss, 'engagement.process', { orgId, zoomEngagementId: zoomId }, { singletonKey: `reconcile:${zoomId}` });
          queued += 1;
        }
      }
    } catch (error) {
      if (error instanceof ZoomReauthorizationRequired) return;
      throw error;
    }
    job.log.info({ orgId, queued }, 'reconciliation finished');
  };
}
