import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { zoomWebhookHeaders } from '../server/zoom/webhook-signature';
import { HttpSession, startTestApp, type TestApp } from './helpers/app';
import { seedEveryTenantTable } from './helpers/tenant-fixtures';

/**
 * The privacy policy: "If you uninstall CallRecap from the Zoom Marketplace, we immediately delete
 * your Zoom OAuth tokens. Your organization data is preserved in case you choose to reinstall."
 */

let app: TestApp;
let orgA: string;
let orgB: string;
let sessionA: HttpSession;
let sessionB: HttpSession;

const zoomAccountOf = async (orgId: string) =>
  ((await app.database.owner`select zoom_account_id from organizations where id = ${orgId}`)[0]!.zoom_account_id as string);

async function counts(orgId: string) {
  const [row] = await app.database.owner`
    select
      (select count(*)::int from oauth_credentials where org_id = ${orgId} and provider = 'zoom') as zoom_tokens,
      (select count(*)::int from oauth_credentials where org_id = ${orgId} and provider <> 'zoom') as crm_tokens,
      (select count(*)::int from sessions where org_id = ${orgId}) as sessions,
      (select count(*)::int from users where org_id = ${orgId}) as users,
      (select count(*)::int from engagements where org_id = ${orgId}) as engagements,
      (select count(*)::int from summaries where org_id = ${orgId}) as summaries,
      (select count(*)::int from summary_versions where org_id = ${orgId}) as summary_versions,
      (select count(*)::int from crm_connections where org_id = ${orgId}) as crm_connections`;
  return row!;
}

function deauthorization(accountId: string): string {
  return JSON.stringify({
    event: 'app_deauthorized',
    event_ts: Date.now(),
    payload: {
      account_id: accountId,
      user_id: 'zu-admin',
      signature: randomUUID(),
      deauthorization_time: new Date().toISOString(),
      client_id: app.config.zoom.clientId,
      event_ts: Date.now(),
    },
  });
}

async function deliver(body: string, secret = app.config.zoom.webhookSecretToken): Promise<Response> {
  return fetch(`${app.url}/webhooks/zoom`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...zoomWebhookHeaders(body, secret, Math.floor(Date.now() / 1000)) },
    body,
  });
}

async function tenant(label: string): Promise<{ orgId: string; session: HttpSession }> {
  const owner = app.database.owner;
  const { orgId } = await seedEveryTenantTable(owner, label);
  const adminId = randomUUID();
  await owner`insert into users (id, org_id, zoom_user_id, name, role) values (${adminId}, ${orgId}, ${'zu-admin-' + label}, 'Admin', 'admin')`;
  // A second Zoom grant (another admin signed in) and a CRM grant beside the fixture's Zoom one.
  await owner`insert into oauth_credentials (org_id, provider, subject, access_token_enc, key_id, user_id)
    values (${orgId}, 'zoom', ${'zu-admin-' + label}, 'v1.k.zoom2', 'k', ${adminId}), (${orgId}, 'salesforce', ${'sf-' + label}, 'v1.k.sf', 'k', ${adminId})`;
  const session = await HttpSession.signedIn(app, { id: adminId, orgId, role: 'admin' });
  await HttpSession.signedIn(app, { id: adminId, orgId, role: 'admin' }); // signed in on a second device too
  return { orgId, session };
}

beforeAll(async () => {
  app = await startTestApp({ start: { role: 'web' } });
  ({ orgId: orgA, session: sessionA } = await tenant('a'));
  ({ orgId: orgB, session: sessionB } = await tenant('b'));
});
afterAll(() => app.close());

describe('Zoom deauthorization (app uninstalled)', () => {
  it('an unsigned or wrongly signed deauthorization changes nothing', async () => {
    const before = await counts(orgA);
    const body = deauthorization(await zoomAccountOf(orgA));
    expect((await deliver(body, 'not-the-secret')).status).toBe(401);
    const unsigned = await fetch(`${app.url}/webhooks/zoom`, { method: 'POST', headers: { 'content-type': 'application/json' }, body });
    expect(unsigned.status).toBe(401);
    expect(await counts(orgA)).toEqual(before);
  });

  it("deletes the account's Zoom tokens and sessions at once, keeps its data, and audits it", async () => {
    const before = await counts(orgA);
    expect(before).toMatchObject({ zoom_tokens: 2, sessions: 2 });
    expect((await sessionA.get('/api/engagements')).status).toBe(200);
    const otherBefore = await counts(orgB);

    const started = Date.now();
    const response = await deliver(deauthorization(await zoomAccountOf(orgA)));
    expect(response.status).toBe(200);
    expect(Date.now() - started).toBeLessThan(3000); // Zoom's webhook deadline
    expect(await response.json()).toEqual({ status: 'deauthorized', known: true });

    // By the time Zoom has its answer, the tokens and sessions are gone: no job, no delay.
    expect(await counts(orgA)).toEqual({ ...before, zoom_tokens: 0, sessions: 0 });
    expect((await sessionA.get('/api/engagements')).status).toBe(401);

    const audit = await app.database.owner`select actor_label, actor_user_id, details from audit_log where org_id = ${orgA} and action = 'zoom.deauthorized'`;
    expect(audit).toEqual([{ actor_label: 'Zoom', actor_user_id: null, details: { tokensDeleted: 2 } }]);
    const [org] = await app.database.owner`select zoom_deauthorized_at from organizations where id = ${orgA}`;
    expect(org!.zoom_deauthorized_at).toBeInstanceOf(Date);

    expect(await counts(orgB)).toEqual(otherBefore);
    expect((await sessionB.get('/api/engagements')).status).toBe(200);
  });

  it('a repeated delivery is harmless and the data is still there', async () => {
    const before = await counts(orgA);
    const response = await deliver(deauthorization(await zoomAccountOf(orgA)));
    expect(response.status).toBe(200);
    expect(await counts(orgA)).toEqual(before);
    expect(before.engagements).toBeGreaterThan(0);
    expect(before.summaries).toBeGreaterThan(0);
  });

  it('an account CallRecap does not know is acknowledged without effect', async () => {
    const before = await counts(orgB);
    const response = await deliver(deauthorization('acct-never-installed'));
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ status: 'deauthorized', known: false });
    expect(await counts(orgB)).toEqual(before);
  });
});
