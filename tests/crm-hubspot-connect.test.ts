import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RefreshedCrmTokens } from '../server/crm/adapter';
import { CrmAuthError, CrmUnavailableError } from '../server/crm/errors';
import { createHubSpotRateLimits } from '../server/crm/hubspot/rate-limits';
import { completeCrmAuthorization, createCrmAdapter, startCrmAuthorization } from '../server/crm/registry';
import { startFakeHubSpot, type FakeHubSpot } from './fakes/hubspot';

/** Connecting HubSpot (OAuth through the SDK's token API) and keeping the 30-minute tokens fresh. */

describe('HubSpot connection', () => {
  let fake: FakeHubSpot;
  const limits = createHubSpotRateLimits();

  beforeAll(async () => {
    fake = await startFakeHubSpot();
  });
  afterAll(() => fake.close());

  const apps = () => ({ hubspot: fake.app });

  async function approve(url: string): Promise<URL> {
    const response = await fetch(url, { redirect: 'manual' });
    expect(response.status).toBe(302);
    return new URL(response.headers.get('location') ?? '');
  }

  it('sends the user to the authorize page with our scopes and state, and exchanges the code for a portal grant', async () => {
    const { url, codeVerifier } = startCrmAuthorization('hubspot', apps(), { state: 'state-123' });
    expect(codeVerifier).toBeUndefined();
    const authorize = new URL(url);
    expect(`${authorize.origin}${authorize.pathname}`).toBe(`${fake.url}/oauth/authorize`);
    expect(authorize.searchParams.get('scope')).toBe('oauth crm.objects.contacts.read crm.objects.contacts.write');
    expect(authorize.searchParams.get('client_id')).toBe(fake.app.clientId);

    const callback = await approve(url);
    expect(callback.searchParams.get('state')).toBe('state-123');
    const grant = await completeCrmAuthorization('hubspot', apps(), { code: callback.searchParams.get('code') ?? '' });
    expect(grant.externalAccountId).toBe(fake.portalId);
    expect(grant.credentials).toMatchObject({ portalId: fake.portalId, accessToken: expect.any(String), refreshToken: expect.any(String) });

    const adapter = createCrmAdapter('hubspot', JSON.parse(JSON.stringify(grant.credentials)), { apps: apps(), hubspotLimits: limits });
    await expect(adapter.findContact({ email: 'nobody@example.com' })).resolves.toBeNull();
  });

  it('reports a used or unknown code as an authorization failure', async () => {
    const callback = await approve(startCrmAuthorization('hubspot', apps(), { state: 's' }).url);
    const code = callback.searchParams.get('code') ?? '';
    await completeCrmAuthorization('hubspot', apps(), { code });
    await expect(completeCrmAuthorization('hubspot', apps(), { code })).rejects.toBeInstanceOf(CrmAuthError);
  });

  it('refreshes a token that is about to expire before using it, and stores the new one first', async () => {
    const grant = fake.connect();
    const stored: RefreshedCrmTokens[] = [];
    const before = fake.requestCount('POST', '/oauth/v1/token');
    const adapter = createCrmAdapter(
      'hubspot',
      { ...grant, expiresAt: new Date(Date.now() + 60_000) },
      { apps: apps(), hubspotLimits: limits, onTokensRefreshed: (tokens) => void stored.push(tokens) },
    );
    await adapter.findContact({ email: 'early@example.com' });
    expect(fake.requestCount('POST', '/oauth/v1/token') - before).toBe(1);
    expect(fake.state.requests.some((r) => r.status === 401)).toBe(false);
    expect(stored).toHaveLength(1);
    expect(stored[0]?.refreshToken).toBe(grant.refreshToken);
    expect(stored[0]?.expiresAt?.getTime()).toBeGreaterThan(Date.now() + 25 * 60_000);
  });

  it('shares one refresh among concurrent requests that hit an expired token', async () => {
    const adapter = createCrmAdapter('hubspot', fake.connect(), { apps: apps(), hubspotLimits: limits });
    fake.expireAccessTokens();
    const before = fake.requestCount('POST', '/oauth/v1/token');
    await Promise.all([adapter.findContact({ email: 'a@example.com' }), adapter.findContact({ email: 'b@example.com' }), adapter.createContact({ email: 'shared.refresh@example.com' })]);
    expect(fake.requestCount('POST', '/oauth/v1/token') - before).toBe(1);
  });

  it('refreshes at most once per request: a token refused again means reconnecting', async () => {
    const adapter = createCrmAdapter('hubspot', fake.connect(), { apps: apps(), hubspotLimits: limits });
    const before = fake.requestCount('POST', '/oauth/v1/token');
    fake.inject({ kind: 'invalid-token', times: 2, path: '/crm' });
    await expect(adapter.findContact({ email: 'blocked@example.com' })).rejects.toBeInstanceOf(CrmAuthError);
    expect(fake.requestCount('POST', '/oauth/v1/token') - before).toBe(1);
  });

  it('asks to reconnect when HubSpot says the app lacks a scope', async () => {
    const adapter = createCrmAdapter('hubspot', fake.connect(), { apps: apps(), hubspotLimits: limits });
    fake.inject({ kind: 'missing-scopes', path: '/crm' });
    await expect(adapter.logCall({
      engagementId: 'eng-scope',
      title: 'Call',
      summary: { reason: 'r', keyPoints: ['a', 'b'], outcome: { status: 'resolved', detail: '' }, actionItems: [], sentiment: { label: 'neutral', score: 0 }, category: 'Sales', contact: {} },
      direction: 'outbound',
      durationSeconds: 1,
      startedAt: new Date(),
      status: 'completed',
      contact: null,
    })).rejects.toThrow(/Reconnect HubSpot/);
  });

  it('reports a failure to store refreshed tokens as retryable, and keeps using the old grant', async () => {
    const adapter = createCrmAdapter('hubspot', fake.connect(), {
      apps: apps(),
      hubspotLimits: limits,
      onTokensRefreshed: () => Promise.reject(new Error('database unavailable')),
    });
    fake.expireAccessTokens();
    const error = await adapter.findContact({ email: 'x@example.com' }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(CrmUnavailableError);
  });

  it('treats stored credentials that do not parse as needing a reconnect', () => {
    expect(() => createCrmAdapter('hubspot', { accessToken: 'x' }, { apps: apps() })).toThrow(CrmAuthError);
  });

  it('refuses to build an adapter for a CRM the deployment has no app for', () => {
    expect(() => createCrmAdapter('salesforce', {}, { apps: apps() })).toThrow(/salesforce is not configured/);
  });
});
