import { syncToCrm } from '../../server/crm/sync';
import type { Services } from '../../server/services';
import type { JobHandler } from '../worker';

/** crm.sync: one approved summary to one CRM (see server/crm/sync.ts for the exactly-once rules). */
export function crmSyncHandler(services: Services): JobHandler<'crm.sync'> {
  return (payload, job) => syncToCrm(services, payload, job);
}
