import type { Server } from 'node:http';
import type { Express } from 'express';
import type { PgBoss } from 'pg-boss';
import { connect, disconnect } from '../../db/client';
import { startBoss } from '../../jobs/boss';
import type { AppOptions } from '../app';
import { systemClock, type Clock } from '../clock';
import type { Config } from '../config';
import { createSecretBox } from '../crypto/secrets';
import { seedDemo } from '../demo/seed';
import { createLogger, type Logger } from '../log';
import { createMetrics } from '../observability/metrics';
// Not the engine's index: that loads both providers, and a process needs only the configured one.
import { createSummarizer } from '../summaries/engine/create';
import { flushErrorReporting, initErrorReporting } from '../observability/error-reporting';
import type { Services } from '../services';
import type { ClientAssets } from '../web/client-assets';
import { prepareDatabase } from './database';
import { registerWorkers } from './workers';

export type Role = 'all' | 'web' | 'worker';

export interface StartOptions {
  role: Role;
  /** 'vite' in development, 'build' in production, 'none' for API-only tests. */
  client?: 'vite' | 'build' | 'none';
  clock?: Clock;
  logger?: Logger;
  /** Extra routers (tests, fakes in the demo). */
  app?: Pick<AppOptions, 'webhooks' | 'api'>;
}

export interface Running {
  services: Services;
  url: string | null;
  server: Server | null;
  /** The Express app (web roles), e.g. for enumerating its routes. */
  app: Express | null;
  ownerUrl: string;
  appUrl: string;
  /** Stop accepting, let running jobs finish, close the pool and the embedded database. */
  stop(reason?: string): Promise<void>;
}

export async function startCallRecap(givenConfig: Config, options: StartOptions): Promise<Running> {
  const log = options.logger ?? createLogger(givenConfig.logLevel);
  // Without Zoom credentials the development demo runs against the built-in fake Zoom (one process only).
  const demoZoom =
    givenConfig.demoMode && !givenConfig.production && !givenConfig.zoom.configured && options.role === 'all' && options.client !== 'none'
      ? await (await import('../dev/demo-zoom')).startDemoZoom(givenConfig)
      : null;
  const config = demoZoom?.config ?? givenConfig;
  await initErrorReporting(config.sentryDsn, config.env);
  const database = await prepareDatabase(config, log);
  const db = connect(database.appUrl, { max: config.database.poolMax, applicationName: `callrecap-${options.role}` });
  let boss: PgBoss | null = null;
  let assets: ClientAssets | null = null;
  let server: Server | null = null;
  let shuttingDown = false;

  const stop = async (reason = 'stop') => {
    if (shuttingDown) return;
    shuttingDown = true;
    log.info({ reason }, 'shutting down');
    const closing = server ? new Promise<void>((resolve) => server?.close(() => resolve())) : Promise.resolve();
    server?.closeIdleConnections();
    // Workers stop fetching; jobs already running get up to 30 s to finish before pg-boss gives up.
    await boss?.stop({ graceful: true, close: true, timeout: 30_000 });
    await closing;
    await assets?.close();
    await disconnect(db);
    await database.embedded?.stop();
    await demoZoom?.fake.close();
    await flushErrorReporting();
    log.info('stopped');
  };

  try {
    boss = await startBoss(database.appUrl, { supervise: options.role !== 'web' });
    boss.on('error', (error: unknown) => log.error({ err: error }, 'job queue error'));
    const services: Services = {
      config,
      log,
      db,
      boss,
      secrets: createSecretBox(config.encryptionKeys),
      clock: options.clock ?? systemClock,
      metrics: createMetrics(),
      summarizer: createSummarizer({ openaiApiKey: config.openai.apiKey, openaiBaseUrl: config.openai.baseUrl, model: config.openai.model }),
    };

    if (config.demoMode && !config.production && options.role !== 'worker') {
      const seeded = await seedDemo(db, services.clock.now());
      if (seeded.created) log.info('seeded the demo organization');
      if (demoZoom) await (await import('../dev/demo-zoom')).connectDemoOrganization(services, demoZoom);
    }
    if (options.role !== 'web') await registerWorkers(services);

    let url: string | null = null;
    let expressApp: Express | null = null;
    if (options.role !== 'worker') {
      // Imported here, not at the top: a worker process never loads Express, the routes or the client assets.
      const { createApp } = await import('../app');
      const { clientAssets } = await import('../web/client-assets');
      const clientMode = options.client ?? (config.production ? 'build' : 'vite');
      assets = clientMode === 'none' ? null : await clientAssets(clientMode, { hotReload: config.env === 'development' });
      const devRoutes = demoZoom ? [(await import('../dev/demo-zoom')).simulateRoutes(services, demoZoom)] : [];
      const app = createApp(services, {
        ...options.app,
        webhooks: [...(options.app?.webhooks ?? []), ...devRoutes.map((router) => () => router)],
        client: assets?.router,
        isShuttingDown: () => shuttingDown,
      });
      expressApp = app;
      server = await new Promise<Server>((resolve, reject) => {
        const listening = app.listen(config.port, (error?: Error) => (error ? reject(error) : resolve(listening)));
      });
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : config.port;
      url = `http://localhost:${port}`;
      // Zoom gives a webhook 3 seconds; slow clients must not hold sockets forever either.
      server.requestTimeout = 30_000;
      server.headersTimeout = 10_000;
    }
    return { services, url, server, app: expressApp, ownerUrl: database.ownerUrl, appUrl: database.appUrl, stop };
  } catch (error) {
    await stop('start failed').catch(() => undefined);
    throw error;
  }
}
