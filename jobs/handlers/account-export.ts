import { runAccountExport } from '../../server/account/export-job';
import type { Services } from '../../server/services';
import type { JobHandler } from '../worker';

/** account.export: one organization's data as a JSON file (see server/account/export-file.ts). */
export function accountExportHandler(services: Services): JobHandler<'account.export'> {
  return (payload, job) => runAccountExport(services, payload, job);
}
