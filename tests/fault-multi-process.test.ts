import { spawn, type ChildProcess } from 'node:child_process';
import { afterAll, describe, expect, it } from 'vitest';
import { freePort } from '../db/embedded';
import { withOrg } from '../db/tenant';
import { saveCrmConnection } from '../server/crm/connections';
import { startFakeHubSpot, type FakeHubSpot } from './fakes/hubspot';
import { startFakeOpenAi, type FakeOpenAi } from './fakes/openai';
import type { FakeCall } from './fakes/zoom';
import { signInWithZoom, startZoomTestApp, type ZoomTestApp } from './helpers/zoom-app';

/**
 * Two web and two worker processes on one PostgreSQL: the test process is the first web, the second
 * web and both workers are child processes (`--role web` / `--role worker`). Every call's webhooks
 * (started, ended, transcript completed: three jobs for one engagement) go round-robin to both webs
 * at once, so workers race for the same engagement. Then the same calls go through one process
 * (`npm start`'s role `all`) on a database of its own, and the results must be the same.
 */
const CALLS = 12;
const SEEDS = Array.from({ length: CALLS }, (_, i) => 7000 + i);

interface Deployment {
  app: ZoomTestApp;
  openai: FakeOpenAi;
  hubspot: FakeHubSpot;
  env: Record<string, string>;
  children: ChildProcess[];
}

const deployments: Deployment[] = [];

afterAll(async () => {
  for (const { app, openai, hubspot, children } of deployments) {
    await Promise.all(children.map(stopChild));
    await app.close();
    await openai.close();
    await hubspot.close();
  }
});

async function stopChild(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null) return;
  const exited = new Promise((resolve) => child.once('exit', resolve));
  child.kill('SIGTERM');
  await exited;
}

/** CallRecap with an admin signed in, auto-approval and auto-sync on, and HubSpot connected. */
async function deploy(role: 'web' | 'all'): Promise<Deployment> {
  const openai = await startFakeOpenAi({ delayMs: 150 });
  const hubspot = await startFakeHubSpot();
  const env = {
    OPENAI_API_KEY: openai.apiKey,
    OPENAI_BASE_URL: openai.url,
    HUBSPOT_CLIENT_ID: hubspot.app.clientId,
    HUBSPOT_CLIENT_SECRET: hubspot.app.clientSecret,
    HUBSPOT_API_BASE_URL: hubspot.app.apiBaseUrl,
    HUBSPOT_OAUTH_BASE_URL: hubspot.app.appBaseUrl,
  };
  const app = await startZoomTestApp({ env, start: { role } });
  const deployment = { app, openai, hubspot, env, children: [] };
  deployments.push(deployment);
  await signInWithZoom(app);
  const [org] = await app.database.owner<{ id: string }[]>`select id from organizations`;
  const [admin] = await app.database.owner<{ id: string }[]>`select id from users where role = 'admin'`;
  await app.database.owner`update organizations set settings = settings || '{"autoApprove": true, "autoSyncOnApproval": true}'::jsonb`;
  const grant = hubspot.connect();
  await withOrg(app.running.services.db, org!.id, (tx) =>
    saveCrmConnection(tx, app.running.services.secrets, { orgId: org!.id, kind: 'hubspot', grant: { credentials: grant, externalAccountId: grant.portalId }, environment: 'production', userId: admin!.id, now: new Date() }),
  );
  return deployment;
}

/**
 * `server/main.ts --role <role>` on the deployment's database: the entry `npm run start:web` / `start:worker`
 * run, here from source under tsx (the compiled bundle is the same code; the bench runs that one).
 */
function spawnRole(deployment: Deployment, role: 'web' | 'worker', port = 0): ChildProcess {
  const { app } = deployment;
  const child = spawn(process.execPath, ['--import', 'tsx', 'server/main.ts', '--role', role], {
    env: {
      ...process.env,
      ...deployment.env,
      NODE_ENV: 'test',
      // Errors only: a child that dies says why in the failure message below.
      LOG_LEVEL: 'error',
      DEMO_MODE: 'false',
      PORT: String(port),
      DATABASE_URL: app.database.ownerUrl,
      PUBLIC_URL: app.config.publicUrl,
      ZOOM_CLIENT_ID: app.zoom.clientId,
      ZOOM_CLIENT_SECRET: app.zoom.clientSecret,
      ZOOM_WEBHOOK_SECRET_TOKEN: app.zoom.webhookSecret,
      ZOOM_API_BASE_URL: app.zoom.apiBaseUrl,
      ZOOM_OAUTH_BASE_URL: app.zoom.oauthBaseUrl,
      WORKER_CONCURRENCY: '4',
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  const keep = (chunk: Buffer) => {
    output = (output + chunk.toString()).slice(-20_000);
  };
  child.stdout?.on('data', keep);
  child.stderr?.on('data', keep);
  childOutput.set(child, () => output);
  deployment.children.push(child);
  return child;
}

/** What each child wrote (errors only), for the message when one exits early. */
const childOutput = new WeakMap<ChildProcess, () => string>();
const exitReport = (children: ChildProcess[]) =>
  children.map((child) => `${child.spawnargs.slice(-2).join(' ')} exit ${child.exitCode}: ${childOutput.get(child)?.() ?? ''}`).join('\n');

async function waitUntilReady(url: string): Promise<void> {
  const deadline = Date.now() + 30_000;
  for (;;) {
    const status = await fetch(`${url}/readyz`).then((r) => r.status, () => 0);
    if (status === 200) return;
    if (Date.now() > deadline) throw new Error(`${url} never became ready`);
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

/** Every call's deliveries, all calls at once, alternating between the web processes. */
async function deliverRoundRobin(app: ZoomTestApp, webs: string[], calls: FakeCall[]): Promise<number[]> {
  let turn = 0;
  const sends = calls.flatMap((call) => app.zoom.webhooksFor(call.engagement.id).map((delivery) => ({ delivery, web: webs[turn++ % webs.length]! })));
  return Promise.all(sends.map(({ delivery, web }) => app.zoom.sendWebhook(`${web}/webhooks/zoom`, delivery).then((r) => r.status)));
}

async function waitForAll(app: ZoomTestApp): Promise<void> {
  const deadline = Date.now() + 60_000;
  for (;;) {
    const [state] = await app.database.owner<{ open: number; records: number }[]>`
      select (select count(*)::int from pgboss.job where name in ('engagement.process', 'crm.sync') and state in ('created', 'retry', 'active')) as open,
             (select count(*)::int from crm_records) as records`;
    if (state!.open === 0 && state!.records === CALLS) return;
    if (Date.now() > deadline) throw new Error(`not done: ${JSON.stringify(state)}`);
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
}

/** What a run produced, per call seed: the summary, and how often each dependency was asked about it. */
async function results(deployment: Deployment, calls: FakeCall[]) {
  const { app, openai, hubspot } = deployment;
  const rows = await app.database.owner<{ zoom_engagement_id: string; status: string; content: unknown; versions: number; crm_state: string; records: number; attempts: number }[]>`
    select e.zoom_engagement_id, s.status, v.content, s.crm_sync_state as crm_state,
           (select count(*)::int from summary_versions x where x.summary_id = s.id) as versions,
           (select count(*)::int from crm_records r where r.engagement_id = e.id) as records,
           -- Attempts the CRM rate limit turned away are rescheduled as new jobs on purpose (timing-dependent).
           (select count(*)::int from crm_sync_attempts a where a.engagement_id = e.id and a.result <> 'retrying') as attempts
    from engagements e join summaries s on s.engagement_id = e.id
    join summary_versions v on v.summary_id = s.id and v.version = s.current_version`;
  const byEngagement = new Map(rows.map((row) => [row.zoom_engagement_id, row]));
  const hubspotCalls = [...hubspot.state.objects.calls.values()].map((call) => String(call.properties.hs_call_external_id ?? ''));
  // An AI request belongs to the call whose sentence (one no other call has) it contains.
  const textCount = new Map<string, number>();
  for (const call of calls) for (const text of new Set(call.script.turns.map((t) => t.text))) textCount.set(text, (textCount.get(text) ?? 0) + 1);
  // A call whose every sentence also occurs elsewhere: count the requests holding all of its sentences,
  // shared evenly among the calls with the very same sentences.
  const plain = (call: FakeCall) => [...new Set(call.script.turns.map((t) => t.text).filter((text) => !/[@\d]/.test(text)))];
  const sharedScriptRequests = (call: FakeCall) => {
    const sentences = plain(call);
    const twins = calls.filter((other) => sentences.every((text) => plain(other).includes(text))).length;
    const holding = openai.requests.filter((r) => sentences.every((text) => r.messages.some((m) => m.content.includes(text)))).length;
    return holding / twins;
  };
  return calls.map((call, index) => {
    const row = byEngagement.get(call.engagement.id);
    const marker = call.script.turns.map((t) => t.text).find((text) => textCount.get(text) === 1 && !/[@\d]/.test(text));
    return {
      seed: SEEDS[index],
      status: row?.status,
      content: row?.content,
      versions: row?.versions,
      crmState: row?.crm_state,
      crmRecords: row?.records,
      crmAttempts: row?.attempts,
      hubspotCalls: hubspotCalls.filter((id) => id.includes(call.engagement.id)).length,
      aiRequests: marker ? openai.requests.filter((r) => r.messages.some((m) => m.content.includes(marker))).length : sharedScriptRequests(call),
    };
  });
}

describe('two web and two worker processes on one PostgreSQL', () => {
  it('run every job once and produce what one process produces for the same calls', async () => {
    const multi = await deploy('web');
    const secondWebPort = await freePort();
    spawnRole(multi, 'web', secondWebPort);
    spawnRole(multi, 'worker');
    spawnRole(multi, 'worker');
    const secondWeb = `http://127.0.0.1:${secondWebPort}`;
    await waitUntilReady(secondWeb);
    const multiCalls = SEEDS.map((seed) => multi.app.zoom.addCall({ seed }));
    const statuses = await deliverRoundRobin(multi.app, [multi.app.url, secondWeb], multiCalls);
    expect(statuses.every((status) => status === 200)).toBe(true);
    await waitForAll(multi.app);

    // No job was handed out twice: each ran once, on its first attempt, and completed.
    const jobs = await multi.app.database.owner<{ name: string; state: string; retry_count: number; n: number }[]>`
      select name, state, retry_count, count(*)::int as n from pgboss.job
      where name in ('engagement.process', 'crm.sync', 'dead-letter') group by 1, 2, 3 order by 1, 2, 3`;
    // Beyond one per call, the only crm.sync jobs are the reschedules our HubSpot rate limit makes
    // when a burst of calls searches faster than HubSpot allows (each logged as a 'retrying' attempt).
    const [rescheduled] = await multi.app.database.owner<{ n: number }[]>`
      select count(*)::int as n from crm_sync_attempts where result = 'retrying'`;
    const reschedules = rescheduled!.n;
    expect(jobs).toEqual([
      { name: 'crm.sync', state: 'completed', retry_count: 0, n: CALLS + reschedules },
      { name: 'engagement.process', state: 'completed', retry_count: 0, n: 3 * CALLS },
    ]);
    // Both workers and the second web lived through it (a crash would have left the work to one).
    expect(multi.children.map((child) => child.exitCode), exitReport(multi.children)).toEqual([null, null, null]);

    const single = await deploy('all');
    const singleCalls = SEEDS.map((seed) => single.app.zoom.addCall({ seed }));
    for (const call of singleCalls) await single.app.zoom.deliverCall(`${single.app.url}/webhooks/zoom`, call.engagement.id);
    await waitForAll(single.app);

    const multiResults = await results(multi, multiCalls);
    const singleResults = await results(single, singleCalls);
    const once = { status: 'ready', versions: 1, crmState: 'synced', crmRecords: 1, crmAttempts: 1, hubspotCalls: 1, aiRequests: 1 };
    for (const result of multiResults) expect(result).toMatchObject(once);
    expect(multiResults).toEqual(singleResults);
  }, 150_000);
});
