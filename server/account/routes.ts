import type { FileHandle } from 'node:fs/promises';
import { open } from 'node:fs/promises';
import { pipeline } from 'node:stream/promises';
import { Router, type Request } from 'express';
import { z } from 'zod';
import { withOrg } from '../../db/tenant';
import type { AccountView } from '../contract/api';
import { recordAudit } from '../audit/audit-log';
import { requireRole, requireUser } from '../auth/current-user';
import { badRequest, conflict, HttpError, notFound } from '../http/errors';
import type { Services } from '../services';
import { cancelDeletion, loadAccountView, requestDeletion } from './deletion';
import { exportFilePath } from './export-files';
import { findExport, requestExport, toExportView } from './exports';

/** These actions take no options: anything sent is a client mistake worth reporting. */
const noOptionsSchema = z.strictObject({});
const exportIdSchema = z.uuid();

const gone = (why: string) => new HttpError(410, why, 'gone');

/** The answer to a deletion request or cancellation: the account, and what happens next in words. */
export type AccountChange = AccountView & { message: string };

/** Settings > Account (admins): data export and account deletion. */
export function accountRoutes(services: Services): Router {
  const router = Router();
  const admin = requireRole('admin');
  const actor = (req: Request) => {
    const auth = requireUser(req);
    return { orgId: auth.orgId, userId: auth.userId, actorLabel: auth.name, now: services.clock.now() };
  };

  router.get('/api/account', admin, async (req, res) => {
    const { orgId, now } = actor(req);
    res.json(await withOrg(services.db, orgId, (tx) => loadAccountView(tx, orgId, now)));
  });

  router.post('/api/account/exports', admin, async (req, res) => {
    noOptionsSchema.parse(req.body ?? {});
    const who = actor(req);
    const row = await withOrg(services.db, who.orgId, (tx) => requestExport(tx, services.boss, who));
    if (!row) throw conflict('An export is already being prepared. It appears here when it is ready to download.');
    res.status(202).json(toExportView(row, who.now));
  });

  router.get('/api/account/exports/:id/download', admin, async (req, res) => {
    const id = exportIdSchema.safeParse(req.params.id);
    if (!id.success) throw badRequest('The export id must be a UUID.');
    const who = actor(req);
    const { row, file, size } = await withOrg(services.db, who.orgId, async (tx) => {
      const found = await findExport(tx, id.data);
      if (!found) throw notFound('No such export.');
      const view = toExportView(found, who.now);
      if (view.status === 'expired') throw gone('This export has expired (files are kept for 7 days). Request a new one.');
      if (view.status !== 'ready') throw conflict(`This export is ${view.status}, not ready to download.`);
      const opened = await openExportFile(exportFilePath(services.config.database.dataDir, who.orgId, found.id));
      try {
        const { size } = await opened.stat();
        await recordAudit(tx, { orgId: who.orgId, actorUserId: who.userId, actorLabel: who.actorLabel, action: 'account.export_downloaded', targetType: 'export', targetId: found.id });
        return { row: found, file: opened, size };
      } catch (error) {
        await opened.close();
        throw error;
      }
    });
    const day = (row.completedAt ?? who.now).toISOString().slice(0, 10);
    res.setHeader('Content-Type', 'application/json; charset=utf-8');
    res.setHeader('Content-Length', String(size));
    res.setHeader('Content-Disposition', `attachment; filename="callrecap-export-${day}-${id.data.slice(0, 8)}.json"`);
    await pipeline(file.createReadStream(), res);
  });

  router.post('/api/account/deletion', admin, async (req, res) => {
    noOptionsSchema.parse(req.body ?? {});
    const who = actor(req);
    const { scheduled, view } = await withOrg(services.db, who.orgId, async (tx) => ({
      scheduled: await requestDeletion(tx, who),
      view: await loadAccountView(tx, who.orgId, who.now),
    }));
    const when = view.deletion?.scheduledFor.slice(0, 10) ?? '';
    const body: AccountChange = {
      ...view,
      message:
        (scheduled ? `Deletion is scheduled for ${when}. ` : `Deletion was already scheduled for ${when}. `) +
        'Until then CallRecap keeps working normally for everyone in your organization, and an admin can cancel here. ' +
        "On that date all of the organization's data is permanently deleted: users, engagements, summaries, CRM connections and billing records. " +
        'Export your data first if you want a copy.',
    };
    res.json(body);
  });

  router.delete('/api/account/deletion', admin, async (req, res) => {
    const who = actor(req);
    const { result, view } = await withOrg(services.db, who.orgId, async (tx) => ({
      result: await cancelDeletion(tx, who),
      view: await loadAccountView(tx, who.orgId, who.now),
    }));
    if (result === 'not_scheduled') throw conflict('No deletion is scheduled.');
    if (result === 'grace_period_over') throw conflict('The 30-day grace period has ended: the deletion is under way and can no longer be cancelled.');
    const body: AccountChange = { ...view, message: 'Deletion cancelled. Nothing was deleted, and CallRecap carries on as before.' };
    res.json(body);
  });

  return router;
}

async function openExportFile(path: string): Promise<FileHandle> {
  try {
    return await open(path, 'r');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') throw gone('This export file is no longer available. Request a new one.');
    throw error;
  }
}
