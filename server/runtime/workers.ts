import { engagementProcessHandler } from '../../jobs/handlers/engagement-process';
import { zoomReconcileHandler } from '../../jobs/handlers/zoom-reconcile';
import { crmSyncHandler } from '../../jobs/handlers/crm-sync';
import { accountExportHandler } from '../../jobs/handlers/account-export';
import { accountPurgeHandler } from '../../jobs/handlers/account-purge';
import { analyticsRollupHandler } from '../../jobs/handlers/analytics-rollup';
import { registerWorker } from '../../jobs/worker';
import type { Services } from '../services';

/** Every queue's handler, registered on worker processes. */
export async function registerWorkers(services: Services): Promise<void> {
  const options = {
    concurrency: services.config.workerConcurrency,
    log: services.log,
    observe: (queue: string, outcome: 'completed' | 'failed', seconds: number) => services.metrics.jobDuration.observe({ queue, outcome }, seconds),
  };
  await registerWorker(services.boss, 'engagement.process', engagementProcessHandler(services), options);
  await registerWorker(services.boss, 'crm.sync', crmSyncHandler(services), options);
  await registerWorker(services.boss, 'zoom.reconcile', zoomReconcileHandler(services), { ...options, concurrency: 1 });
  await registerWorker(services.boss, 'account.export', accountExportHandler(services), { ...options, concurrency: 1 });
  await registerWorker(services.boss, 'account.purge', accountPurgeHandler(services), { ...options, concurrency: 1 });
  await registerWorker(services.boss, 'analytics.rollup', analyticsRollupHandler(services), { ...options, concurrency: 1 });
}
