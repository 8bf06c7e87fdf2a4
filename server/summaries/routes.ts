import { eq } from 'drizzle-orm';
import { Router, type Request } from 'express';
import { engagements, organizations, summaries } from '../../db/schema';
import { withOrg } from '../../db/tenant';
import { sendJob } from '../../jobs/boss';
import { summaryApproveSchema, summaryEditSchema } from '../contract/api';
import { hasRole, requireUser } from '../auth/current-user';
import { recordAudit } from '../audit/audit-log';
import { queueCrmSync } from '../crm/service';
import { loadDetail, visibleEngagementId } from '../engagements/routes';
import { conflict, forbidden, HttpError } from '../http/errors';
import type { Services } from '../services';
import { addEditedVersion, announceEngagementChange, lockSummary } from './repository';

const RETRYABLE = new Set(['failed', 'limit_reached', 'no_transcript']);

function idParam(req: Request): string {
  return String(req.params.id ?? '');
}

/** Agents edit and approve their summaries; every edit is a new version, the AI original is kept. */
export function summaryRoutes(services: Services): Router {
  const router = Router();

  router.put('/api/engagements/:id/summary', async (req, res) => {
    const auth = requireUser(req);
    const input = summaryEditSchema.parse(req.body);
    await withOrg(services.db, auth.orgId, async (tx) => {
      const engagementId = await visibleEngagementId(tx, auth, idParam(req));
      const summary = await lockSummary(tx, engagementId);
      if (!summary || summary.currentVersion === 0) throw conflict('There is no summary to edit yet.');
      if (summary.currentVersion !== input.baseVersion) {
        throw conflict(`Someone saved version ${summary.currentVersion} while you were editing version ${input.baseVersion}. Reload to see it.`);
      }
      const version = await addEditedVersion(tx, { summary, content: input.content, editorId: auth.userId });
      // Once approved, the CRM record follows every edit (the sync updates the same record).
      if (summary.approvedAt) await queueCrmSync(tx, services.boss, auth.orgId, engagementId);
      await recordAudit(tx, {
        orgId: auth.orgId,
        actorUserId: auth.userId,
        actorLabel: auth.name,
        action: 'summary.edited',
        targetType: 'engagement',
        targetId: engagementId,
        details: { version },
      });
      await announceEngagementChange(tx, auth.orgId, engagementId);
    });
    res.json(await loadDetail(services, auth, idParam(req)));
  });

  router.post('/api/engagements/:id/summary/approve', async (req, res) => {
    const auth = requireUser(req);
    const input = summaryApproveSchema.parse(req.body);
    await withOrg(services.db, auth.orgId, async (tx) => {
      const engagementId = await visibleEngagementId(tx, auth, idParam(req));
      const summary = await lockSummary(tx, engagementId);
      if (!summary || summary.status !== 'ready') throw conflict('Only a ready summary can be approved.');
      if (summary.currentVersion !== input.version) {
        throw conflict(`Version ${summary.currentVersion} is the current one; review it before approving.`);
      }
      if (summary.approvedAt) return;
      const now = services.clock.now();
      await tx.update(summaries).set({ approvedAt: now, approvedBy: auth.userId, updatedAt: now }).where(eq(summaries.id, summary.id));
      const [org] = await tx.select({ settings: organizations.settings }).from(organizations).where(eq(organizations.id, auth.orgId));
      const queued = org?.settings.autoSyncOnApproval ? await queueCrmSync(tx, services.boss, auth.orgId, engagementId) : [];
      await recordAudit(tx, {
        orgId: auth.orgId,
        actorUserId: auth.userId,
        actorLabel: auth.name,
        action: 'summary.approved',
        targetType: 'engagement',
        targetId: engagementId,
        details: { version: input.version, crmSyncQueued: queued },
      });
      await announceEngagementChange(tx, auth.orgId, engagementId);
    });
    res.json(await loadDetail(services, auth, idParam(req)));
  });

  router.post('/api/engagements/:id/summary/retry', async (req, res) => {
    const auth = requireUser(req);
    if (!hasRole(auth.role, 'supervisor')) throw forbidden('Only supervisors and admins can retry a summary.');
    await withOrg(services.db, auth.orgId, async (tx) => {
      const engagementId = await visibleEngagementId(tx, auth, idParam(req));
      const summary = await lockSummary(tx, engagementId);
      if (!summary || !RETRYABLE.has(summary.status)) {
        throw new HttpError(409, 'Only a failed, limit-reached or no-transcript summary can be retried.', 'conflict');
      }
      const [engagement] = await tx.select({ zoomId: engagements.zoomEngagementId }).from(engagements).where(eq(engagements.id, engagementId));
      await tx.update(summaries).set({ status: 'pending', statusReason: 'Retry requested', updatedAt: services.clock.now() }).where(eq(summaries.id, summary.id));
      await sendJob(services.boss, 'engagement.process', { orgId: auth.orgId, zoomEngagementId: engagement!.zoomId }, { tx: tx.$client, singletonKey: `retry:${engagementId}` });
      await recordAudit(tx, { orgId: auth.orgId, actorUserId: auth.userId, actorLabel: auth.name, action: 'summary.retried', targetType: 'engagement', targetId: engagementId });
      await announceEngagementChange(tx, auth.orgId, engagementId);
    });
    res.status(202).json({ status: 'queued' });
  });

  router.post('/api/engagements/:id/crm-sync/retry', async (req, res) => {
    const auth = requireUser(req);
    const queued = await withOrg(services.db, auth.orgId, async (tx) => {
      const engagementId = await visibleEngagementId(tx, auth, idParam(req));
      const summary = await lockSummary(tx, engagementId);
      if (!summary?.approvedAt) throw conflict('Approve the summary before syncing it to the CRM.');
      const kinds = await queueCrmSync(tx, services.boss, auth.orgId, engagementId);
      if (kinds.length === 0) throw conflict('No CRM is connected. An admin can connect one in Settings > Integrations.');
      await recordAudit(tx, { orgId: auth.orgId, actorUserId: auth.userId, actorLabel: auth.name, action: 'crm.sync_retried', targetType: 'engagement', targetId: engagementId, details: { crms: kinds } });
      await announceEngagementChange(tx, auth.orgId, engagementId);
      return kinds;
    });
    res.status(202).json({ status: 'queued', crms: queued });
  });

  return router;
}
