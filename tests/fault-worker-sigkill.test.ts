import { spawn, type ChildProcess } from 'node:child_process';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { withOrg } from '../db/tenant';
import { saveCrmConnection } from '../server/crm/connections';
import { startFakeHubSpot, type FakeHubSpot } from './fakes/hubspot';
import { startFakeOpenAi, type FakeOpenAi } from './fakes/openai';
import { lateAiRequests } from './helpers/late-ai-requests';
import { signInWithZoom, startZoomTestApp, type ZoomTestApp } from './helpers/zoom-app';

/**
 * Workers are SIGKILLed in the middle of summarize and CRM sync jobs, again and again. Failure is
 * forced, not waited for: after each kill the test back-dates the dead worker's heartbeats and the
 * retry delays, so pg-boss hands the jobs to the next worker at once.
 */
const CALLS = 16;
const KILLS = 6;

let app: ZoomTestApp;
let hubspot: FakeHubSpot;
let openai: FakeOpenAi;
let workerEnv: NodeJS.ProcessEnv;

beforeAll(async () => {
  hubspot = await startFakeHubSpot();
  openai = await startFakeOpenAi({ delayMs: 250 });
  const env = {
    OPENAI_API_KEY: openai.apiKey,
    OPENAI_BASE_URL: openai.url,
    HUBSPOT_CLIENT_ID: hubspot.app.clientId,
    HUBSPOT_CLIENT_SECRET: hubspot.app.clientSecret,
    HUBSPOT_API_BASE_URL: hubspot.app.apiBaseUrl,
    HUBSPOT_OAUTH_BASE_URL: hubspot.app.appBaseUrl,
  };
  // The web role ingests; workers run in child processes we can kill.
  app = await startZoomTestApp({ env, start: { role: 'web' } });
  await signInWithZoom(app);
  const [org] = await app.database.owner<{ id: string }[]>`select id from organizations`;
  const [admin] = await app.database.owner<{ id: string }[]>`select id from users where role = 'admin'`;
  await app.database.owner`update organizations set settings = settings || '{"autoApprove": true, "autoSyncOnApproval": true}'::jsonb`;
  const grant = hubspot.connect();
  await withOrg(app.running.services.db, org!.id, (tx) =>
    saveCrmConnection(tx, app.running.services.secrets, { orgId: org!.id, kind: 'hubspot', grant: { credentials: grant, externalAccountId: grant.portalId }, environment: 'production', userId: admin!.id, now: new Date() }),
  );
  workerEnv = {
    ...process.env,
    ...env,
    NODE_ENV: 'test',
    LOG_LEVEL: 'silent',
    DEMO_MODE: 'false',
    DATABASE_URL: app.database.ownerUrl,
    PUBLIC_URL: app.config.publicUrl,
    ZOOM_CLIENT_ID: app.zoom.clientId,
    ZOOM_CLIENT_SECRET: app.zoom.clientSecret,
    ZOOM_WEBHOOK_SECRET_TOKEN: app.zoom.webhookSecret,
    ZOOM_API_BASE_URL: app.zoom.apiBaseUrl,
    ZOOM_OAUTH_BASE_URL: app.zoom.oauthBaseUrl,
    WORKER_CONCURRENCY: '4',
  };
});
afterAll(async () => {
  await app?.close();
  await hubspot?.close();
  await openai?.close();
});

function startWorker(): ChildProcess {
  return spawn(process.execPath, ['--import', 'tsx', 'server/main.ts', '--role', 'worker'], { env: workerEnv, stdio: 'ignore' });
}

async function killHard(worker: ChildProcess): Promise<void> {
  const exited = new Promise((resolve) => worker.once('exit', resolve));
  worker.kill('SIGKILL');
  await exited;
}

/** What a dead worker leaves behind becomes retryable now instead of after its heartbeat and backoff. */
async function fastForward(): Promise<void> {
  await app.database.owner`update pgboss.job set heartbeat_on = now() - interval '1 hour', started_on = now() - interval '1 hour' where state = 'active'`;
  await app.running.services.boss.supervise();
  await app.database.owner`update pgboss.job set start_after = now() where state in ('retry', 'created') and start_after > now()`;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('SIGKILL a worker in the middle of summarize and CRM sync jobs', () => {
  it('every job completes or is dead-lettered; no duplicate summaries, CRM records or AI calls after a summary', async () => {
    const calls = Array.from({ length: CALLS }, (_, i) => app.zoom.addCall({ seed: 1000 + i }));
    for (const call of calls) await app.zoom.deliverCall(`${app.url}/webhooks/zoom`, call.engagement.id);

    for (let round = 0; round < KILLS; round++) {
      const worker = startWorker();
      await sleep(2500 + (round % 3) * 700); // starting takes ~2 s; then it is mid-job
      await killHard(worker);
      await fastForward();
    }

    const survivor = startWorker();
    try {
      const deadline = Date.now() + 90_000;
      for (;;) {
        await fastForward();
        const [state] = await app.database.owner<{ open: number }[]>`
          select count(*)::int as open from pgboss.job where name in ('engagement.process', 'crm.sync') and state in ('created', 'retry', 'active')`;
        if (state!.open === 0) break;
        if (Date.now() > deadline) throw new Error(`${state!.open} jobs still open`);
        await sleep(500);
      }
    } finally {
      await killHard(survivor);
    }

    const jobs = await app.database.owner<{ name: string; state: string; n: number }[]>`
      select name, state, count(*)::int as n from pgboss.job where name in ('engagement.process', 'crm.sync', 'dead-letter') group by 1, 2 order by 1, 2`;
    const unfinished = jobs.filter((j) => j.name !== 'dead-letter' && !['completed', 'failed'].includes(j.state));
    expect(unfinished).toEqual([]);
    const failed = jobs.filter((j) => j.state === 'failed').reduce((n, j) => n + j.n, 0);
    const deadLettered = jobs.filter((j) => j.name === 'dead-letter').reduce((n, j) => n + j.n, 0);
    expect(deadLettered).toBe(failed);

    const [counts] = await app.database.owner<{ engagements: number; summaries: number; versions: number; records: number }[]>`
      select (select count(*)::int from engagements) as engagements,
             (select count(*)::int from summaries where status = 'ready') as summaries,
             (select count(*)::int from summary_versions) as versions,
             (select count(*)::int from crm_records) as records`;
    expect(counts).toEqual({ engagements: CALLS, summaries: CALLS, versions: CALLS, records: CALLS });

    // One HubSpot call per engagement, whatever was killed when.
    const perEngagement = new Map<string, number>();
    for (const call of hubspot.state.objects.calls.values()) {
      const external = String((call as { properties: Record<string, string> }).properties.hs_call_external_id ?? '');
      perEngagement.set(external, (perEngagement.get(external) ?? 0) + 1);
    }
    expect(perEngagement.size).toBe(CALLS);
    expect([...perEngagement.values()].every((n) => n === 1)).toBe(true);

    // No AI request for an engagement once its summary existed.
    const late = (await lateAiRequests(app.database.owner, openai, calls)).length;
    expect(openai.requests.length).toBeGreaterThanOrEqual(CALLS);
    expect(late).toBe(0);
  }, 240_000);
});
