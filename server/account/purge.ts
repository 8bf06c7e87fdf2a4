import { rm, rmdir } from 'node:fs/promises';
import path from 'node:path';
import { and, asc, eq, inArray, lte } from 'drizzle-orm';
import { organizations } from '../../db/schema';
import { withOrg, withSystemLookup } from '../../db/tenant';
import type { JobContext } from '../../jobs/worker';
import type { Services } from '../services';
import { exportFileNames, organizationExportDir, organizationsWithExportFiles, removeOrganizationExports } from './export-files';
import { expireDueExports, liveExportIds } from './exports';
import type { PurgeHooks } from './purge-hooks';

/**
 * How long past its date a deletion waits for the CRM and the payment processor to confirm. Until
 * then a failure there holds the deletion for the next hourly run; after it the data goes anyway
 * (the policy promises deletion) and the log says what an operator must finish by hand.
 */
export const EXTERNAL_CLEANUP_PATIENCE_MS = 24 * 3600_000;

export interface PurgeReport {
  exportsExpired: number;
  orphanExportFoldersRemoved: number;
  purged: string[];
  held: string[];
}

type Job = Pick<JobContext, 'log'> & Partial<Pick<JobContext, 'signal'>>;

/** account.purge (hourly): expire export files past their 7 days, then delete organizations whose grace period has ended. */
export async function runAccountPurge(services: Services, hooks: PurgeHooks, job: Job): Promise<PurgeReport> {
  const now = services.clock.now();
  const report: PurgeReport = { exportsExpired: 0, orphanExportFoldersRemoved: 0, purged: [], held: [] };
  await expireExportFiles(services, now, report);
  const due = await withSystemLookup(services.db, (tx) =>
    tx
      .select({ id: organizations.id, scheduledFor: organizations.deletionScheduledFor })
      .from(organizations)
      .where(lte(organizations.deletionScheduledFor, now))
      .orderBy(asc(organizations.deletionScheduledFor)),
  );
  for (const org of due) {
    job.signal?.throwIfAborted();
    const outcome = await purgeOrganization(services, hooks, { orgId: org.id, scheduledFor: org.scheduledFor!, now }, job);
    if (outcome === 'purged') report.purged.push(org.id);
    if (outcome === 'held') report.held.push(org.id);
  }
  return report;
}

/**
 * Deletes everything of one organization: first what lives elsewhere (CRM grants, the subscription),
 * then in one transaction its rows (every tenant table cascades from organizations), its sessions and
 * its queued jobs, then its export files.
 */
export async function purgeOrganization(
  services: Services,
  hooks: PurgeHooks,
  input: { orgId: string; scheduledFor: Date; now: Date },
  job: Job,
): Promise<'purged' | 'held' | 'cancelled'> {
  const { orgId, now } = input;
  const unfinished: string[] = [];
  for (const [step, run] of [
    ['revoke CRM grants', hooks.revokeCrmConnections],
    ['cancel the subscription', hooks.cancelSubscription],
  ] as const) {
    try {
      await run(orgId);
    } catch (error) {
      unfinished.push(step);
      job.log.warn({ err: error, orgId, step }, 'deletion step outside the database failed');
    }
  }
  if (unfinished.length > 0) {
    if (now.getTime() < input.scheduledFor.getTime() + EXTERNAL_CLEANUP_PATIENCE_MS) return 'held';
    job.log.error({ orgId, unfinished }, 'deleting the organization without confirmation from outside services: finish these by hand');
  }

  const deleted = await withOrg(services.db, orgId, async (tx) => {
    // Re-checked here: a cancellation between the lookup and now wins.
    const rows = await tx
      .delete(organizations)
      .where(and(eq(organizations.id, orgId), lte(organizations.deletionScheduledFor, now)))
      .returning({ id: organizations.id });
    if (rows.length === 0) return false;
    await tx.$client`delete from sessions where org_id = ${orgId}`;
    // Job payloads carry the organization's id (and nothing else of it); queued, failed and dead-lettered alike.
    await tx.$client`delete from pgboss.job where data->>'orgId' = ${orgId}`;
    return true;
  });
  if (!deleted) return 'cancelled';
  await removeOrganizationExports(services.config.database.dataDir, orgId);
  job.log.info({ orgId }, 'organization permanently deleted');
  return 'purged';
}

/**
 * Walks the export folders on disk: files of expired (or failed, or abandoned) exports are deleted
 * and ready exports past their 7 days are marked expired; a folder whose organization no longer
 * exists (an export that finished while its organization was being deleted) goes entirely.
 */
async function expireExportFiles(services: Services, now: Date, report: PurgeReport): Promise<void> {
  const dataDir = services.config.database.dataDir;
  const folders = await organizationsWithExportFiles(dataDir);
  if (folders.length === 0) return;
  const existing = new Set(
    (await withSystemLookup(services.db, (tx) => tx.select({ id: organizations.id }).from(organizations).where(inArray(organizations.id, folders)))).map(
      (org) => org.id,
    ),
  );
  for (const orgId of folders) {
    if (!existing.has(orgId)) {
      await removeOrganizationExports(dataDir, orgId);
      report.orphanExportFoldersRemoved += 1;
      continue;
    }
    // Listed before the rows are read: any file listed belongs to a row the query below can see.
    const files = await exportFileNames(dataDir, orgId);
    const { expired, live } = await withOrg(services.db, orgId, async (tx) => ({ expired: await expireDueExports(tx, now), live: await liveExportIds(tx) }));
    report.exportsExpired += expired.length;
    const folder = organizationExportDir(dataDir, orgId);
    for (const name of files) {
      if (!live.has(name.replace(/\.json(\.partial)?$/, ''))) await rm(path.join(folder, name), { force: true });
    }
    await rmdir(folder).catch(() => undefined); // only succeeds once the folder is empty
  }
}
