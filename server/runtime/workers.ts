import { engagementProcessHandler } from '../../jobs/handlers/engagement-process';
import { zoomReconcileHandler } from '../../jobs/handlers/zoom-reconcile';
import { registerWorker } from '../../jobs/worker';
import type { Services } from '../services';

/** Every queue's handler, registered on worker processes. */
export async function registerWorkers(services: Services): Promise<void> {
  const options = { concurrency: services.config.workerConcurrency, log: services.log };
  await registerWorker(services.boss, 'engagement.process', engagementProcessHandler(services), options);
  await registerWorker(services.boss, 'zoom.reconcile', zoomReconcileHandler(services), { ...options, concurrency: 1 });
}
