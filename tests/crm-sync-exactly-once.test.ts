import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { withOrg } from '../db/tenant';
import { saveCrmConnection } from '../server/crm/connections';
import { syncToCrm } from '../server/crm/sync';
import { queueCrmSync } from '../server/crm/service';
import { engagementDetail } from '../server/summaries/repository';
import { newerDetail } from '../client/src/shared/engagement-detail';
import { createCrmAdapter } from '../server/crm/registry';
import { seedDemo } from '../server/demo/seed';
import { startFakeHubSpot, type FakeHubSpot } from './fakes/hubspot';
import { HttpSession, startTestApp, type TestApp } from './helpers/app';

let app: TestApp;
let hubspot: FakeHubSpot;
let orgId: string;
let admin: { id: string; org_id: string; role: string };

const job = { isLastAttempt: false, log: { warn: () => undefined } as never };

beforeAll(async () => {
  hubspot = await startFakeHubSpot();
  app = await startTestApp({
    env: {
      HUBSPOT_CLIENT_ID: hubspot.app.clientId,
      HUBSPOT_CLIENT_SECRET: hubspot.app.clientSecret,
      HUBSPOT_API_BASE_URL: hubspot.app.apiBaseUrl,
      HUBSPOT_OAUTH_BASE_URL: hubspot.app.appBaseUrl,
    },
    // No workers: the test runs the sync step itself, deterministically.
    start: { role: 'web' },
  });
  ({ orgId } = await seedDemo(app.running.services.db, new Date(), 30));
  const [row] = await app.database.owner<{ id: string; org_id: string; role: string }[]>`select id, org_id, role from users where role = 'admin'`;
  admin = row!;
});
afterAll(async () => {
  await app.close();
  await hubspot.close();
});

async function connectHubSpot() {
  const grant = hubspot.connect();
  await withOrg(app.running.services.db, orgId, (tx) =>
    saveCrmConnection(tx, app.running.services.secrets, {
      orgId,
      kind: 'hubspot',
      grant: { credentials: grant, externalAccountId: grant.portalId },
      environment: 'production',
      userId: admin.id,
      now: new Date(),
    }),
  );
}

async function approvedEngagement(): Promise<{ id: string; zoomId: string }> {
  const [row] = await app.database.owner<{ id: string; zoom_engagement_id: string }[]>`
    select e.id, e.zoom_engagement_id from engagements e join summaries s on s.engagement_id = e.id
    where s.approved_at is not null and not exists (select 1 from crm_records r where r.engagement_id = e.id) limit 1`;
  return { id: row!.id, zoomId: row!.zoom_engagement_id };
}

const calls = () => [...hubspot.state.objects.calls.values()];
const input = (engagementId: string) => ({ orgId, engagementId, crmKind: 'hubspot' as const });

beforeEach(async () => {
  hubspot.clearFaults();
  await connectHubSpot();
});

describe('CRM sync, exactly once in effect', () => {
  it('logs one call on the matched contact, stores the record, and a duplicate delivery changes nothing', async () => {
    const engagement = await approvedEngagement();
    const [summary] = await app.database.owner`select v.content from summary_versions v join summaries s on s.id = v.summary_id and s.current_version = v.version where s.engagement_id = ${engagement.id}`;
    const email = (summary!.content as { contact: { email?: string } }).contact.email ?? 'caller@example.com';
    const contactId = hubspot.seedContact({ email, firstname: 'Dana', lastname: 'Wright' });
    const before = calls().length;
    await syncToCrm(app.running.services, input(engagement.id), job);
    await syncToCrm(app.running.services, input(engagement.id), job);
    expect(calls().length).toBe(before + 1);
    const [record] = await app.database.owner`select record_id, record_url, synced_version from crm_records where engagement_id = ${engagement.id}`;
    expect(record!.record_id).toBeTruthy();
    const attempts = await app.database.owner`select result, contact_id from crm_sync_attempts where engagement_id = ${engagement.id}`;
    expect(attempts.map((a) => a.result)).toEqual(['created']);
    expect(attempts[0]!.contact_id).toBe(contactId);
    expect(hubspot.callsAssociatedWith(contactId)).toHaveLength(1);
    const [state] = await app.database.owner`select crm_sync_state from summaries where engagement_id = ${engagement.id}`;
    expect(state!.crm_sync_state).toBe('synced');
  });

  it('a local number said without its area code falls back to the caller ID for matching the contact', async () => {
    const engagement = await approvedEngagement();
    await app.database.owner`update engagements set consumer_email = null, consumer_number = '+14155550177' where id = ${engagement.id}`;
    await app.database.owner`update summary_versions v set content = jsonb_set(v.content, '{contact}', '{"phone":"555-0187"}')
      from summaries s where s.id = v.summary_id and s.engagement_id = ${engagement.id}`;
    const contactId = hubspot.seedContact({ firstname: 'Lee', lastname: 'Park', phone: '(415) 555-0177' });
    await syncToCrm(app.running.services, input(engagement.id), job);
    const [attempt] = await app.database.owner`select result, contact_id from crm_sync_attempts where engagement_id = ${engagement.id}`;
    expect(attempt).toMatchObject({ result: 'created', contact_id: contactId });
    expect(hubspot.callsAssociatedWith(contactId)).toHaveLength(1);
  });

  it('a crash between the CRM call and storing its id still ends with one record (found by external id)', async () => {
    const engagement = await approvedEngagement();
    // The previous attempt wrote to HubSpot and died before storing the id.
    const grant = hubspot.connect();
    const adapter = createCrmAdapter('hubspot', grant, { apps: { hubspot: hubspot.app } });
    const { summary } = (await (await (await HttpSession.signedIn(app, { id: admin.id, orgId, role: 'admin' })).get(`/api/engagements/${engagement.id}`)).json()) as { summary: { content: never } };
    await adapter.logCall({ engagementId: engagement.zoomId, title: 'Inbound voice call', summary: summary.content, direction: 'inbound', durationSeconds: 60, startedAt: new Date(), status: 'completed', contact: null });
    const before = calls().length;
    await new Promise((resolve) => setTimeout(resolve, 50));
    await syncToCrm(app.running.services, input(engagement.id), job);
    expect(calls().length).toBe(before);
    const attempts = await app.database.owner`select result from crm_sync_attempts where engagement_id = ${engagement.id}`;
    expect(attempts.map((a) => a.result)).toEqual(['updated']);
  });

  it('an edit after sync updates the same record, never a second one', async () => {
    const engagement = await approvedEngagement();
    await syncToCrm(app.running.services, input(engagement.id), job);
    const before = calls().length;
    await app.database.owner`update summaries set current_version = current_version + 1 where engagement_id = ${engagement.id}`;
    await app.database.owner`insert into summary_versions (org_id, summary_id, version, content, source)
      select org_id, summary_id, version + 1, jsonb_set(content, '{reason}', '"Edited after sync."'), 'edit' from summary_versions
      where summary_id = (select id from summaries where engagement_id = ${engagement.id}) order by version desc limit 1`;
    await syncToCrm(app.running.services, input(engagement.id), job);
    expect(calls().length).toBe(before);
    const [record] = await app.database.owner`select record_id, synced_version from crm_records where engagement_id = ${engagement.id}`;
    const stored = hubspot.state.objects.calls.get(String(record!.record_id));
    expect(JSON.stringify(stored)).toContain('Edited after sync.');
  });

  it('a 429 storm reschedules after Retry-After instead of failing, then succeeds', async () => {
    const engagement = await approvedEngagement();
    hubspot.inject({ kind: 'rate-limit', retryAfterSeconds: 2, times: 50 });
    await syncToCrm(app.running.services, input(engagement.id), job);
    const [attempt] = await app.database.owner`select result, error from crm_sync_attempts where engagement_id = ${engagement.id}`;
    expect(attempt!.result).toBe('retrying');
    const [rescheduled] = await app.database.owner`select start_after > now() as later from pgboss.job where name = 'crm.sync' and data->>'engagementId' = ${engagement.id}`;
    expect(rescheduled!.later).toBe(true);
    hubspot.clearFaults();
    await syncToCrm(app.running.services, input(engagement.id), job);
    const results = await app.database.owner`select result from crm_sync_attempts where engagement_id = ${engagement.id} order by started_at`;
    expect(results.map((r) => r.result)).toEqual(['retrying', 'created']);
  });

  it('an expired access token is refreshed (and stored re-encrypted) without failing the sync', async () => {
    const engagement = await approvedEngagement();
    const [before] = await app.database.owner`select access_token_enc from oauth_credentials where provider = 'hubspot'`;
    hubspot.expireAccessTokens();
    await syncToCrm(app.running.services, input(engagement.id), job);
    const [after] = await app.database.owner`select access_token_enc from oauth_credentials where provider = 'hubspot'`;
    expect(after!.access_token_enc).not.toBe(before!.access_token_enc);
    const results = await app.database.owner`select result from crm_sync_attempts where engagement_id = ${engagement.id}`;
    expect(results.map((r) => r.result)).toEqual(['created']);
  });

  it('a revoked grant marks the connection for re-authorization and tells the admin, without retrying', async () => {
    const engagement = await approvedEngagement();
    hubspot.revokeAllGrants();
    await syncToCrm(app.running.services, input(engagement.id), job);
    const [connection] = await app.database.owner`select status from crm_connections where kind = 'hubspot'`;
    expect(connection!.status).toBe('reauth_required');
    const [attempt] = await app.database.owner`select result, error from crm_sync_attempts where engagement_id = ${engagement.id}`;
    expect(attempt!.result).toBe('failed');
    expect(attempt!.error).toMatch(/Re-authorization needed/);
    const [notice] = await app.database.owner`select kind from notifications where kind = 'crm_reauth_required'`;
    expect(notice).toBeDefined();
  });

  it('a validation error fails the attempt with the CRM message shown to the user', async () => {
    const engagement = await approvedEngagement();
    hubspot.inject({ kind: 'validation', message: 'Property values were not valid: hs_call_body too long', method: 'POST', path: '/crm/v3/objects/calls' });
    await syncToCrm(app.running.services, input(engagement.id), job);
    const [attempt] = await app.database.owner`select result, error from crm_sync_attempts where engagement_id = ${engagement.id}`;
    expect(attempt).toMatchObject({ result: 'failed' });
    expect(attempt!.error).toContain('hs_call_body too long');
  });

  it("the detail's revision grows with each step, so a read taken before the sync finished is recognisably older", async () => {
    const engagement = await approvedEngagement();
    const read = () => withOrg(app.running.services.db, orgId, (tx) => engagementDetail(tx, engagement.id));
    await withOrg(app.running.services.db, orgId, (tx) => queueCrmSync(tx, app.running.services.boss, orgId, engagement.id));
    const queued = (await read())!;
    expect(queued.summary?.crmSyncState).toBe('queued');
    expect(await read()).toMatchObject({ revision: queued.revision }); // nothing changed, same revision
    await syncToCrm(app.running.services, input(engagement.id), job);
    const synced = (await read())!;
    expect(synced.summary?.crmSyncState).toBe('synced');
    expect(synced.crmRecords).toHaveLength(1);
    expect(synced.revision).toBeGreaterThan(queued.revision);
    // Only the sync state moved; the summary's own timestamp cannot tell the two apart.
    expect(synced.summary?.updatedAt).toBe(queued.summary?.updatedAt);
    expect(newerDetail(synced, queued)).toBe(synced);
    expect(newerDetail(queued, synced)).toBe(synced);
  });

  it('disconnect revokes at HubSpot and deletes our copy of the tokens', async () => {
    const session = await HttpSession.signedIn(app, { id: admin.id, orgId, role: 'admin' });
    const revokes = hubspot.requestCount('DELETE', '/oauth/v1/refresh-tokens');
    const response = await session.request('DELETE', '/api/integrations/hubspot');
    expect(response.status).toBe(204);
    expect(hubspot.requestCount('DELETE', '/oauth/v1/refresh-tokens')).toBe(revokes + 1);
    const [left] = await app.database.owner`select count(*)::int as n from oauth_credentials where provider = 'hubspot'`;
    expect(left!.n).toBe(0);
    const [audit] = await app.database.owner`select details from audit_log where action = 'crm.disconnected'`;
    expect(audit!.details).toEqual({ revokedAtCrm: true });
  });
});
