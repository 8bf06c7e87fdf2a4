import { rm } from 'node:fs/promises';
import { withOrg } from '../../db/tenant';
import type { JobContext } from '../../jobs/worker';
import type { Services } from '../services';
import { exportFilePath } from './export-files';
import { writeOrganizationExport } from './export-file';
import { completeExport, failExport, startExport } from './exports';

/**
 * account.export: writes the organization's file, then marks the row ready for 7 days. A failure is
 * retried by pg-boss; the last attempt records it on the row so the admin sees it and can ask again.
 */
export async function runAccountExport(
  services: Services,
  input: { orgId: string; exportId: string },
  job: Pick<JobContext, 'isLastAttempt' | 'log' | 'signal'>,
): Promise<void> {
  const claimed = await withOrg(services.db, input.orgId, (tx) => startExport(tx, input.exportId));
  if (!claimed) return; // done already, expired, or the organization is gone
  const file = exportFilePath(services.config.database.dataDir, input.orgId, input.exportId);
  let bytes: number;
  try {
    bytes = await writeOrganizationExport(services.db, input.orgId, file, { exportedAt: services.clock.now(), signal: job.signal });
  } catch (error) {
    if (!job.isLastAttempt) throw error;
    job.log.error({ err: error, exportId: input.exportId }, 'export failed on its last attempt');
    await withOrg(services.db, input.orgId, (tx) =>
      failExport(tx, { exportId: input.exportId, reason: 'The export could not be written. Request a new one; if it fails again, contact support.', now: services.clock.now() }),
    );
    return;
  }
  const kept = await withOrg(services.db, input.orgId, (tx) => completeExport(tx, { ...input, bytes, now: services.clock.now() }));
  // The organization was deleted while the file was written: the file must not outlive it.
  if (!kept) await rm(file, { force: true });
  job.log.info({ exportId: input.exportId, bytes }, 'export ready');
}
