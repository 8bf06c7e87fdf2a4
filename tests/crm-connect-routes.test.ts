import { freePort } from '../db/embedded';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedDemo } from '../server/demo/seed';
import { startFakeHubSpot, type FakeHubSpot } from './fakes/hubspot';
import { startFakeSalesforce, type FakeSalesforce } from './fakes/salesforce';
import { HttpSession, startTestApp, type TestApp } from './helpers/app';

/**
 * Settings > Integrations over HTTP, as the admin's browser walks it: our connect route, the CRM's
 * authorize page (the fakes), our callback, then disconnect. The callback URL registered at the CRM
 * must be the app's public URL, so the app listens on a port chosen before it starts.
 */

let app: TestApp;
let hubspot: FakeHubSpot;
let salesforce: FakeSalesforce;
let admin: HttpSession;
let supervisor: HttpSession;
let orgId: string;

beforeAll(async () => {
  const port = await freePort();
  const publicUrl = `http://127.0.0.1:${port}`;
  hubspot = await startFakeHubSpot({ app: { redirectUri: `${publicUrl}/auth/crm/hubspot/callback` } });
  salesforce = await startFakeSalesforce({
    app: { redirectUri: `${publicUrl}/auth/crm/salesforce/callback` },
  });
  app = await startTestApp({
    env: {
      PORT: String(port),
      PUBLIC_URL: publicUrl,
      HUBSPOT_CLIENT_ID: hubspot.app.clientId,
      HUBSPOT_CLIENT_SECRET: hubspot.app.clientSecret,
      HUBSPOT_API_BASE_URL: hubspot.url,
      HUBSPOT_OAUTH_BASE_URL: hubspot.url,
      SALESFORCE_CLIENT_ID: salesforce.app.clientId,
      SALESFORCE_CLIENT_SECRET: salesforce.app.clientSecret,
      // Production points nowhere reachable: a sandbox connection that went there would fail.
      SALESFORCE_LOGIN_URL: 'http://127.0.0.1:9/',
      SALESFORCE_SANDBOX_LOGIN_URL: salesforce.url,
    },
    start: { role: 'web' },
  });
  ({ orgId } = await seedDemo(app.running.services.db, new Date(), 1));
  const users = await app.database.owner<
    { id: string; role: string }[]
  >`select id, role from users where org_id = ${orgId}`;
  admin = await HttpSession.signedIn(app, {
    id: users.find((u) => u.role === 'admin')!.id,
    orgId,
    role: 'admin',
  });
  supervisor = await HttpSession.signedIn(app, {
    id: users.find((u) => u.role === 'supervisor')!.id,
    orgId,
    role: 'supervisor',
  });
});
afterAll(async () => {
  await app?.close();
  await hubspot?.close();
  await salesforce?.close();
});

/** Our connect route, then the CRM's authorize page; returns the callback path the CRM sent the browser to. */
async function startConnect(session: HttpSession, path: string): Promise<{ authorize: URL; callback: URL }> {
  const connect = await session.get(path);
  expect(connect.status).toBe(302);
  const authorize = new URL(connect.headers.get('location')!);
  const consent = await fetch(authorize, { redirect: 'manual' });
  expect(consent.status).toBe(302);
  return { authorize, callback: new URL(consent.headers.get('location')!) };
}

const settingsRedirect = (response: Response) => {
  expect(response.status).toBe(302);
  const location = new URL(response.headers.get('location')!, app.url);
  expect(location.pathname).toBe('/app/settings/integrations');
  return location.searchParams;
};

const connectionRow = async (kind: string) =>
  (
    await app.database.owner`select c.status, c.environment, c.external_account_id,
      concat_ws(' ', k.access_token_enc, k.refresh_token_enc) as secret
    from crm_connections c left join oauth_credentials k on k.id = c.credential_id where c.kind = ${kind}`
  )[0];

describe('connecting a CRM from Settings > Integrations', () => {
  it('connects HubSpot through its OAuth consent and stores the tokens encrypted', async () => {
    const { authorize, callback } = await startConnect(admin, '/auth/crm/hubspot/connect');
    expect(`${authorize.origin}${authorize.pathname}`).toBe(`${hubspot.url}/oauth/authorize`);
    expect(callback.pathname).toBe('/auth/crm/hubspot/callback');
    const done = await admin.get(`${callback.pathname}${callback.search}`);
    expect(settingsRedirect(done).get('connected')).toBe('hubspot');

    const row = await connectionRow('hubspot');
    expect(row).toMatchObject({
      status: 'connected',
      environment: 'production',
      external_account_id: hubspot.portalId,
    });
    const accessTokens = [...hubspot.state.accessTokens.keys()];
    expect(accessTokens.length).toBeGreaterThan(0);
    for (const token of accessTokens) expect(String(row!.secret)).not.toContain(token);

    const list = (await (await admin.get('/api/integrations')).json()) as {
      items: Array<{ kind: string; connection: { status: string } | null }>;
    };
    expect(list.items.find((item) => item.kind === 'hubspot')?.connection?.status).toBe('connected');
    const [audit] = await app.database
      .owner`select details from audit_log where action = 'crm.connected' and target_id = 'hubspot'`;
    expect(audit!.details).toMatchObject({ externalAccountId: hubspot.portalId, environment: 'production' });
  });

  it('connects Salesforce against the sandbox login URL when the admin picks sandbox', async () => {
    const { authorize, callback } = await startConnect(
      admin,
      '/auth/crm/salesforce/connect?environment=sandbox',
    );
    expect(authorize.href.startsWith(`${salesforce.url}/services/oauth2/authorize`)).toBe(true);
    const done = await admin.get(`${callback.pathname}${callback.search}`);
    expect(settingsRedirect(done).get('connected')).toBe('salesforce');
    expect(await connectionRow('salesforce')).toMatchObject({ status: 'connected', environment: 'sandbox' });
  });

  it('refuses a callback whose state was not issued to this session, and stores nothing', async () => {
    await app.database.owner`delete from crm_connections where kind = 'salesforce'`;
    const { callback } = await startConnect(admin, '/auth/crm/salesforce/connect?environment=sandbox');
    const forged = new URL(callback);
    forged.searchParams.set('state', 'attacker-state');
    const done = await admin.get(`${forged.pathname}${forged.search}`);
    expect(settingsRedirect(done).get('error')).toMatch(/expired or was not started here/);
    expect(await connectionRow('salesforce')).toBeUndefined();
  });

  it('sends the admin back with the reason when the CRM refuses the code', async () => {
    const { callback } = await startConnect(admin, '/auth/crm/salesforce/connect?environment=sandbox');
    const wrongCode = new URL(callback);
    wrongCode.searchParams.set('code', 'not-a-code-the-crm-issued');
    const done = await admin.get(`${wrongCode.pathname}${wrongCode.search}`);
    expect(settingsRedirect(done).get('error')).toMatch(/Salesforce/);
    expect(await connectionRow('salesforce')).toBeUndefined();
  });

  it('reports a denied consent as not granted', async () => {
    const connect = await admin.get('/auth/crm/hubspot/connect');
    const state = new URL(connect.headers.get('location')!).searchParams.get('state')!;
    const done = await admin.get(
      `/auth/crm/hubspot/callback?error=access_denied&state=${encodeURIComponent(state)}`,
    );
    expect(settingsRedirect(done).get('error')).toBe('HubSpot did not grant access.');
  });

  it('is for admins only', async () => {
    expect((await supervisor.get('/auth/crm/hubspot/connect')).status).toBe(403);
    expect((await supervisor.request('DELETE', '/api/integrations/hubspot')).status).toBe(403);
  });

  it('disconnecting revokes the grant at HubSpot and deletes the tokens here', async () => {
    const revokes = hubspot.requestCount('DELETE', '/oauth/v1/refresh-tokens');
    expect((await admin.request('DELETE', '/api/integrations/hubspot')).status).toBe(204);
    expect(hubspot.requestCount('DELETE', '/oauth/v1/refresh-tokens')).toBe(revokes + 1);
    expect(await connectionRow('hubspot')).toBeUndefined();
    const [credentials] = await app.database
      .owner`select count(*)::int as n from oauth_credentials where provider = 'hubspot'`;
    expect(credentials!.n).toBe(0);
    expect((await admin.request('DELETE', '/api/integrations/hubspot')).status).toBe(404);
  });
});
