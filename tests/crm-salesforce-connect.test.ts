import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RefreshedCrmTokens } from '../server/crm/adapter';
import { CrmAuthError } from '../server/crm/errors';
import { completeCrmAuthorization, createCrmAdapter, startCrmAuthorization } from '../server/crm/registry';
import { startFakeSalesforce, type FakeSalesforce } from './fakes/salesforce';

/** Connecting Salesforce (web-server flow with PKCE through jsforce) and jsforce's session refresh. */

describe('Salesforce connection', () => {
  let fake: FakeSalesforce;

  beforeAll(async () => {
    fake = await startFakeSalesforce();
  });
  afterAll(() => fake.close());

  const apps = () => ({ salesforce: fake.app });

  async function approve(url: string): Promise<URL> {
    const response = await fetch(url, { redirect: 'manual' });
    expect(response.status).toBe(302);
    return new URL(response.headers.get('location') ?? '');
  }

  it('signs production orgs in at login.salesforce.com and sandboxes at test.salesforce.com', () => {
    const real = { salesforce: { clientId: 'id', clientSecret: 'secret', redirectUri: 'https://app.example.com/cb' } };
    expect(startCrmAuthorization('salesforce', real, { state: 's' }).url).toMatch(/^https:\/\/login\.salesforce\.com\/services\/oauth2\/authorize\?/);
    const sandbox = new URL(startCrmAuthorization('salesforce', real, { state: 's', sandbox: true }).url);
    expect(sandbox.origin).toBe('https://test.salesforce.com');
    expect(Object.fromEntries(sandbox.searchParams)).toMatchObject({ response_type: 'code', client_id: 'id', redirect_uri: 'https://app.example.com/cb', scope: 'api refresh_token', state: 's' });
    expect(sandbox.searchParams.get('code_challenge')).toMatch(/^[A-Za-z0-9_-]{43}$/);
  });

  it('exchanges the code with the PKCE verifier and keeps the org, instance and login host', async () => {
    const start = startCrmAuthorization('salesforce', apps(), { state: 'st-1' });
    const callback = await approve(start.url);
    expect(callback.searchParams.get('state')).toBe('st-1');
    const grant = await completeCrmAuthorization('salesforce', apps(), { code: callback.searchParams.get('code') ?? '', codeVerifier: start.codeVerifier });
    expect(grant.externalAccountId).toBe('00D5g00000FAKEOEAQ');
    expect(grant.credentials).toMatchObject({ instanceUrl: fake.url, loginUrl: fake.url, organizationId: '00D5g00000FAKEOEAQ', refreshToken: expect.any(String) });
    const adapter = createCrmAdapter('salesforce', grant.credentials, { apps: apps() });
    await expect(adapter.findContact({ email: 'nobody@example.com' })).resolves.toBeNull();
  });

  it('refuses the code without the right verifier', async () => {
    const start = startCrmAuthorization('salesforce', apps(), { state: 'st-2' });
    const callback = await approve(start.url);
    await expect(completeCrmAuthorization('salesforce', apps(), { code: callback.searchParams.get('code') ?? '', codeVerifier: 'wrong' })).rejects.toBeInstanceOf(CrmAuthError);
  });

  it('lets jsforce refresh an expired session once for concurrent requests, storing the token before retrying', async () => {
    const stored: RefreshedCrmTokens[] = [];
    const adapter = createCrmAdapter('salesforce', fake.connect(), { apps: apps(), onTokensRefreshed: (tokens) => void stored.push(tokens) });
    fake.expireAccessTokens();
    const before = fake.requestCount('POST', '/services/oauth2/token');
    await Promise.all([adapter.findContact({ email: 'a@example.com' }), adapter.findContact({ phoneE164: '+14155550100' })]);
    expect(fake.requestCount('POST', '/services/oauth2/token') - before).toBe(1);
    expect(stored).toEqual([{ accessToken: expect.any(String), refreshToken: undefined, instanceUrl: fake.url }]);
    expect(fake.state.accessTokens.get(stored[0]?.accessToken ?? '')?.expired).toBe(false);
  });

  it('stops after one refresh when Salesforce keeps refusing the session', async () => {
    const adapter = createCrmAdapter('salesforce', fake.connect(), { apps: apps() });
    const before = fake.requestCount('POST', '/services/oauth2/token');
    fake.inject({ kind: 'invalid-session', times: 5, path: '/services/data' });
    await expect(adapter.findContact({ email: 'blocked@example.com' })).rejects.toBeInstanceOf(CrmAuthError);
    expect(fake.requestCount('POST', '/services/oauth2/token') - before).toBe(1);
    fake.clearFaults();
  });

  it('reports a failure to store refreshed tokens as retryable, not as a lost connection', async () => {
    const adapter = createCrmAdapter('salesforce', fake.connect(), {
      apps: apps(),
      onTokensRefreshed: () => Promise.reject(new Error('database unavailable')),
    });
    fake.expireAccessTokens();
    const error = await adapter.findContact({ email: 'x@example.com' }).catch((e: unknown) => e);
    expect(error).not.toBeInstanceOf(CrmAuthError);
    expect(error).toMatchObject({ retryable: true });
  });
});
