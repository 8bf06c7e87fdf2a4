import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { withOrg } from '../db/tenant';
import { saveCrmConnection } from '../server/crm/connections';
import { startFakeHubSpot, type FakeHubSpot } from './fakes/hubspot';
import { startFakeOpenAi, type FakeOpenAi } from './fakes/openai';
import { startFakeSalesforce, type FakeSalesforce } from './fakes/salesforce';
import { lateAiRequests } from './helpers/late-ai-requests';
import { signInWithZoom, startZoomTestApp, type ZoomTestApp } from './helpers/zoom-app';

/**
 * OpenAI, HubSpot and Salesforce each fail 30% of requests (seeded): 429 with Retry-After (403
 * REQUEST_LIMIT_EXCEEDED for Salesforce), 5xx, and timeouts, where a CRM's timeout loses the answer
 * after the record was written. Retries are forced rather than waited for: the test moves every
 * retry's start time to now. Every call must end summarized and synced to both CRMs, exactly once.
 */
const CALLS = 20;
const FAILURES = { rate: 0.3, timeoutMs: 1500 };

let app: ZoomTestApp;
let openai: FakeOpenAi;
let hubspot: FakeHubSpot;
let salesforce: FakeSalesforce;

beforeAll(async () => {
  openai = await startFakeOpenAi({ failures: { ...FAILURES, seed: 101 }, retryAfterMs: 500 });
  hubspot = await startFakeHubSpot({ failures: { ...FAILURES, seed: 202 } });
  salesforce = await startFakeSalesforce({ failures: { ...FAILURES, seed: 303 } });
  app = await startZoomTestApp({
    env: {
      OPENAI_API_KEY: openai.apiKey,
      OPENAI_BASE_URL: openai.url,
      HUBSPOT_CLIENT_ID: hubspot.app.clientId,
      HUBSPOT_CLIENT_SECRET: hubspot.app.clientSecret,
      HUBSPOT_API_BASE_URL: hubspot.app.apiBaseUrl,
      HUBSPOT_OAUTH_BASE_URL: hubspot.app.appBaseUrl,
      SALESFORCE_CLIENT_ID: salesforce.app.clientId,
      SALESFORCE_CLIENT_SECRET: salesforce.app.clientSecret,
      SALESFORCE_LOGIN_URL: salesforce.app.loginUrl,
      SALESFORCE_SANDBOX_LOGIN_URL: salesforce.app.sandboxLoginUrl,
    },
  });
  await signInWithZoom(app);
  const [org] = await app.database.owner<{ id: string }[]>`select id from organizations`;
  const [admin] = await app.database.owner<{ id: string }[]>`select id from users where role = 'admin'`;
  await app.database.owner`update organizations set settings = settings || '{"autoApprove": true, "autoSyncOnApproval": true}'::jsonb`;
  const hubspotGrant = hubspot.connect();
  const salesforceGrant = salesforce.connect();
  await withOrg(app.running.services.db, org!.id, async (tx) => {
    const common = { orgId: org!.id, environment: 'production' as const, userId: admin!.id, now: new Date() };
    await saveCrmConnection(tx, app.running.services.secrets, { ...common, kind: 'hubspot', grant: { credentials: hubspotGrant, externalAccountId: hubspotGrant.portalId } });
    await saveCrmConnection(tx, app.running.services.secrets, { ...common, kind: 'salesforce', grant: { credentials: salesforceGrant, externalAccountId: '00Dfake000000001' } });
  });
}, 60_000);
afterAll(async () => {
  await app?.close();
  await Promise.all([openai?.close(), hubspot?.close(), salesforce?.close()]);
});

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Retries and Retry-After reschedules become due now instead of after their backoff. */
async function fastForward(): Promise<void> {
  await app.database.owner`update pgboss.job set start_after = now() where state in ('retry', 'created') and start_after > now()`;
}

describe('OpenAI, HubSpot and Salesforce failing 30% of requests', () => {
  it('every call ends summarized and synced to both CRMs, with nothing duplicated', async () => {
    const calls = Array.from({ length: CALLS }, (_, i) => app.zoom.addCall({ seed: 5000 + i }));
    for (const call of calls) await app.zoom.deliverCall(`${app.url}/webhooks/zoom`, call.engagement.id);

    const deadline = Date.now() + 80_000;
    for (;;) {
      await fastForward();
      const [state] = await app.database.owner<{ open: number }[]>`
        select count(*)::int as open from pgboss.job where name in ('engagement.process', 'crm.sync') and state in ('created', 'retry', 'active')`;
      if (state!.open === 0) break;
      if (Date.now() > deadline) throw new Error(`${state!.open} jobs still open`);
      await sleep(300);
    }

    // The failures happened: each dependency refused or lost a good share of what it was sent.
    expect(openai.requests.length).toBeGreaterThan(CALLS);
    expect(hubspot.state.requests.filter((r) => r.path.startsWith('/crm') && (r.status >= 400 || r.status === 0)).length).toBeGreaterThan(3);
    expect(salesforce.state.requests.filter((r) => r.status >= 400 || r.status === 0).length).toBeGreaterThan(3);

    const [counts] = await app.database.owner<{ engagements: number; ready: number; versions: number; records: number; synced: number }[]>`
      select (select count(*)::int from engagements) as engagements,
             (select count(*)::int from summaries where status = 'ready') as ready,
             (select count(*)::int from summary_versions) as versions,
             (select count(*)::int from crm_records) as records,
             (select count(*)::int from summaries where crm_sync_state = 'synced') as synced`;
    // On a mismatch, say which engagement and CRM fell short and what its attempts were.
    const unsynced = await app.database.owner`
      select s.engagement_id, s.crm_sync_state, a.crm_kind, a.result, a.error from summaries s
      left join crm_sync_attempts a on a.engagement_id = s.engagement_id
      where s.crm_sync_state <> 'synced' order by s.engagement_id, a.started_at`;
    expect(counts, JSON.stringify(unsynced)).toEqual({ engagements: CALLS, ready: CALLS, versions: CALLS, records: 2 * CALLS, synced: CALLS });
    const [dead] = await app.database.owner<{ n: number }[]>`select count(*)::int as n from pgboss.job where name = 'dead-letter'`;
    expect(dead!.n).toBe(0);

    // Exactly one record per engagement in each CRM, however many answers were lost.
    const perCall = (externalIds: string[]) => {
      const counted = new Map<string, number>();
      for (const id of externalIds) counted.set(id, (counted.get(id) ?? 0) + 1);
      return { distinct: counted.size, duplicated: [...counted.values()].filter((n) => n > 1).length };
    };
    const hubspotCalls = [...hubspot.state.objects.calls.values()].map((call) => String(call.properties.hs_call_external_id ?? ''));
    expect(perCall(hubspotCalls)).toEqual({ distinct: CALLS, duplicated: 0 });
    const salesforceTasks = [...salesforce.state.records.Task.values()].map((task) => String(task.fields.CallObject ?? ''));
    expect(perCall(salesforceTasks)).toEqual({ distinct: CALLS, duplicated: 0 });

    // No AI request for an engagement once its summary existed.
    const late = await lateAiRequests(app.database.owner, openai, calls);
    expect(late).toEqual([]);
  }, 120_000);
});
