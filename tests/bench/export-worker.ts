import { sendJob } from '../../jobs/boss';
import { loadConfig } from '../../server/config';
import { startCallRecap } from '../../server/runtime/start';

/**
 * A CallRecap worker process (`npm run start:worker`) for the export memory benchmark: on request it
 * queues `account.export` and its own worker runs the job, as in production, while export-memory.ts
 * watches this process's resident memory from outside.
 */

export type ExportWorkerRequest = { orgId: string; exportId: string };

async function main(): Promise<void> {
  const config = loadConfig({ ...process.env, NODE_ENV: 'test', LOG_LEVEL: 'silent', DEMO_MODE: 'false' });
  const running = await startCallRecap(config, { role: 'worker', client: 'none' });
  process.on('message', (request: ExportWorkerRequest) => {
    sendJob(running.services.boss, 'account.export', request).then(
      () => process.send?.({ queued: request.exportId }),
      (error: unknown) => process.send?.({ error: String(error) }),
    );
  });
  process.on('SIGTERM', () => {
    void running.stop('bench done').then(() => process.exit(0));
  });
  process.send?.({ ready: true });
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
