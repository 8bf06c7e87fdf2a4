import { parseArgs } from 'node:util';
import { ConfigError, loadConfig } from './config';
import { startCallRecap, type Role } from './runtime/start';

/**
 * Process entry point: `npm start` (web + worker), `npm run start:web`, `npm run start:worker`. Those run
 * it compiled (dist/server/main.js, see server/build.ts); tests may run this file under tsx.
 */
async function main(): Promise<void> {
  const { values } = parseArgs({ options: { role: { type: 'string', default: 'all' } } });
  const role = values.role as Role;
  if (!['all', 'web', 'worker'].includes(role)) throw new Error(`--role must be all, web or worker (got "${role}")`);

  const config = loadConfig();
  const running = await startCallRecap(config, { role });
  if (running.url) {
    running.services.log.info(`CallRecap is running at ${config.production ? config.publicUrl : running.url}`);
    if (config.demoMode) running.services.log.info(`Demo: open ${running.url}/app and pick a demo user to sign in.`);
  } else {
    running.services.log.info({ concurrency: config.workerConcurrency }, 'CallRecap worker is running');
  }
  for (const signal of ['SIGTERM', 'SIGINT'] as const) {
    process.once(signal, () => {
      running
        .stop(signal)
        .then(() => process.exit(0))
        .catch((error: unknown) => {
          running.services.log.error({ err: error }, 'shutdown failed');
          process.exit(1);
        });
    });
  }
}

main().catch((error: unknown) => {
  if (error instanceof ConfigError) {
    console.error(error.message);
    process.exit(78);
  }
  console.error(error);
  process.exit(1);
});
