import { defaultPurgeHooks, type PurgeHooks } from '../../server/account/purge-hooks';
import { runAccountPurge } from '../../server/account/purge';
import type { Services } from '../../server/services';
import type { JobHandler } from '../worker';

/** account.purge (hourly): expire old export files, delete organizations whose 30-day grace has ended. */
export function accountPurgeHandler(services: Services, hooks: Partial<PurgeHooks> = {}): JobHandler<'account.purge'> {
  const effective: PurgeHooks = { ...defaultPurgeHooks(services), ...hooks };
  return async (_payload, job) => {
    const report = await runAccountPurge(services, effective, job);
    job.log.info(
      { exportsExpired: report.exportsExpired, orphanFolders: report.orphanExportFoldersRemoved, purged: report.purged.length, held: report.held.length },
      'account purge done',
    );
  };
}
