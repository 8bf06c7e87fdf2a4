import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { CrmAdapter, CrmCallInput, CrmContact, RefreshedCrmTokens } from '../server/crm/adapter';
import { CrmAuthError, CrmNotFoundError, CrmRateLimitedError, CrmUnavailableError, CrmValidationError } from '../server/crm/errors';
import { createHubSpotRateLimits } from '../server/crm/hubspot/rate-limits';
import { createCrmAdapter } from '../server/crm/registry';
import type { SummaryContent } from '../server/contract/summary';
import { startFakeHubSpot, type FakeHubSpot } from './fakes/hubspot';
import { startFakeSalesforce, type FakeSalesforce } from './fakes/salesforce';

/**
 * The behaviour every CRM adapter promises, run against each CRM's fake over HTTP with the real SDK
 * (@hubspot/api-client, jsforce). A third CRM adds a harness here and must pass the same list.
 */

interface StoredCall {
  title: string;
  body: string;
  direction: string;
  durationSeconds: number;
  externalId: string;
  contactIds: string[];
}

interface Harness {
  kind: 'hubspot' | 'salesforce';
  start(): Promise<void>;
  stop(): Promise<void>;
  adapter(options?: { onTokensRefreshed?: (tokens: RefreshedCrmTokens) => void; requestTimeoutMs?: number }): CrmAdapter;
  seedPerson(person: { first: string; last: string; email?: string; phone?: string }): string;
  storedCall(id: string): StoredCall | undefined;
  deleteCall(id: string): void;
  injectRateLimit(retryAfterSeconds: number): void;
  clearFaults(): void;
  injectServerError(html: boolean): void;
  injectHang(): void;
  injectValidation(message: string): void;
  expireTokens(): void;
  revokeGrants(): void;
  /** Whether the CRM still accepts the refresh token the adapter was given. */
  grantActive(): boolean;
  tokenRefreshes(): number;
}

function hubspotHarness(): Harness {
  const limits = createHubSpotRateLimits({ searchPerSecond: 50 });
  let fake: FakeHubSpot;
  let grant: ReturnType<FakeHubSpot['connect']>;
  return {
    kind: 'hubspot',
    async start() {
      // Generous search limit: this suite is about behaviour; crm-hubspot-rate-limits tests the limits.
      fake = await startFakeHubSpot({ limits: { searchPerSecond: 100 } });
    },
    stop: () => fake.close(),
    adapter(options = {}) {
      grant = fake.connect();
      return createCrmAdapter('hubspot', grant, { apps: { hubspot: fake.app }, hubspotLimits: limits, ...options });
    },
    seedPerson: ({ first, last, email, phone }) => fake.seedContact({ firstname: first, lastname: last, ...(email ? { email } : {}), ...(phone ? { phone } : {}) }),
    storedCall(id) {
      const call = fake.state.objects.calls.get(id);
      if (!call) return undefined;
      const p = call.properties;
      const contactIds = fake.state.associations.filter((a) => a.fromId === id && a.toType === 'contacts').map((a) => a.toId);
      return {
        title: p.hs_call_title ?? '',
        body: p.hs_call_body ?? '',
        direction: p.hs_call_direction ?? '',
        durationSeconds: Number(p.hs_call_duration) / 1000,
        externalId: p.hs_call_external_id ?? '',
        contactIds,
      };
    },
    deleteCall: (id) => void fake.state.objects.calls.delete(id),
    injectRateLimit: (retryAfterSeconds) => fake.inject({ kind: 'rate-limit', retryAfterSeconds, path: '/crm' }),
    clearFaults: () => fake.clearFaults(),
    injectServerError: (html) => fake.inject({ kind: 'server-error', status: html ? 502 : 500, html, path: '/crm' }),
    injectHang: () => fake.inject({ kind: 'hang', path: '/crm', times: 3 }),
    injectValidation: (message) => fake.inject({ kind: 'validation', message, path: '/crm/v3/objects/calls' }),
    expireTokens: () => fake.expireAccessTokens(),
    revokeGrants: () => fake.revokeAllGrants(),
    grantActive: () => fake.state.refreshTokens.get(grant.refreshToken)?.revoked === false,
    tokenRefreshes: () => fake.requestCount('POST', '/oauth/v1/token'),
  };
}

function salesforceHarness(): Harness {
  let fake: FakeSalesforce;
  let grant: ReturnType<FakeSalesforce['connect']>;
  return {
    kind: 'salesforce',
    async start() {
      fake = await startFakeSalesforce();
    },
    stop: () => fake.close(),
    adapter(options = {}) {
      grant = fake.connect();
      return createCrmAdapter('salesforce', grant, { apps: { salesforce: fake.app }, salesforce: { createAs: 'Lead' }, ...options });
    },
    seedPerson: ({ first, last, email, phone }) => fake.seed('Contact', { FirstName: first, LastName: last, Email: email ?? null, Phone: phone ?? null }),
    storedCall(id) {
      const task = fake.state.records.Task.get(id);
      if (!task) return undefined;
      const f = task.fields;
      return {
        title: String(f.Subject ?? ''),
        body: String(f.Description ?? ''),
        direction: String(f.CallType ?? '').toUpperCase(),
        durationSeconds: Number(f.CallDurationInSeconds),
        externalId: String(f.CallObject ?? ''),
        contactIds: typeof f.WhoId === 'string' ? [f.WhoId] : [],
      };
    },
    deleteCall: (id) => void fake.state.records.Task.delete(id),
    injectRateLimit: () => fake.inject({ kind: 'request-limit', path: '/services/data' }),
    clearFaults: () => fake.clearFaults(),
    injectServerError: (html) => fake.inject({ kind: 'server-error', html, path: '/services/data' }),
    injectHang: () => fake.inject({ kind: 'hang', path: '/services/data', times: 3 }),
    injectValidation: (message) => fake.inject({ kind: 'validation-rule', message, path: '/services/data', method: 'POST' }),
    expireTokens: () => fake.expireAccessTokens(),
    revokeGrants: () => fake.revokeAllGrants(),
    grantActive: () => fake.state.refreshTokens.get(grant.refreshToken)?.revoked === false,
    tokenRefreshes: () => fake.requestCount('POST', '/services/oauth2/token'),
  };
}

const summary: SummaryContent = {
  reason: 'Customer was charged twice for the May invoice',
  keyPoints: ['Duplicate charge of $49 on May 3', 'Agent confirmed the duplicate in billing <admin>'],
  outcome: { status: 'resolved', detail: 'Refund of $49 issued' },
  actionItems: [{ text: 'Send refund confirmation email', owner: 'agent', due: 'today' }],
  sentiment: { label: 'positive', score: 0.6 },
  category: 'Billing',
  contact: { email: 'dana@example.com' },
};

function callInput(contact: CrmContact | null, engagementId = `eng-${Math.random().toString(36).slice(2)}`): CrmCallInput {
  return {
    engagementId,
    title: 'Inbound call: duplicate charge',
    summary,
    direction: 'inbound',
    durationSeconds: 312,
    startedAt: new Date('2026-05-04T15:30:00Z'),
    status: 'completed',
    contact,
    agentName: 'Riley Agent',
  };
}

describe.each([hubspotHarness(), salesforceHarness()])('$kind adapter', (crm) => {
  beforeAll(() => crm.start());
  afterAll(() => crm.stop());

  describe('contact matching', () => {
    it('finds a contact by email', async () => {
      const id = crm.seedPerson({ first: 'Dana', last: 'Reyes', email: 'dana.reyes@example.com' });
      const contact = await crm.adapter().findContact({ email: 'dana.reyes@example.com' });
      expect(contact).toMatchObject({ id, kind: 'contact', name: 'Dana Reyes', email: 'dana.reyes@example.com' });
      expect(contact?.url).toContain(id);
    });

    it('finds a contact by a phone number stored in another format', async () => {
      const id = crm.seedPerson({ first: 'Sam', last: 'Ortiz', phone: '(415) 555-0134' });
      const contact = await crm.adapter().findContact({ phoneE164: '+14155550134' });
      expect(contact?.id).toBe(id);
    });

    it('does not match the same national digits in another country', async () => {
      crm.seedPerson({ first: 'Ada', last: 'Lovelace', phone: '+44 20 7946 0958' });
      expect(await crm.adapter().findContact({ phoneE164: '+12079460958' })).toBeNull();
    });

    it('returns null when nobody matches, and a created contact is found afterwards', async () => {
      const adapter = crm.adapter();
      expect(await adapter.findContact({ email: 'new.caller@example.com', phoneE164: '+16505550199' })).toBeNull();
      const created = await adapter.createContact({ email: 'new.caller@example.com', phoneE164: '+16505550199', name: 'New Caller' });
      expect(created).toMatchObject({ name: 'New Caller', email: 'new.caller@example.com' });
      expect((await adapter.findContact({ email: 'new.caller@example.com' }))?.id).toBe(created.id);
    });
  });

  describe('call logging', () => {
    it('logs the call on the contact with the formatted summary', async () => {
      const adapter = crm.adapter();
      const contactId = crm.seedPerson({ first: 'Lee', last: 'Park', email: 'lee.park@example.com' });
      const contact = await adapter.findContact({ email: 'lee.park@example.com' });
      const call = callInput(contact);
      const ref = await adapter.logCall(call);
      const stored = crm.storedCall(ref.id);
      expect(stored).toMatchObject({ title: call.title, direction: 'INBOUND', durationSeconds: 312, externalId: `callrecap:${call.engagementId}`, contactIds: [contactId] });
      expect(stored?.body).toContain('Customer was charged twice for the May invoice');
      expect(stored?.body).toContain('Send refund confirmation email');
      expect(stored?.body).toContain('Summarized by CallRecap');
      expect(ref.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\//);
    });

    it('logs a call without a contact', async () => {
      const ref = await crm.adapter().logCall(callInput(null));
      expect(crm.storedCall(ref.id)?.contactIds).toEqual([]);
    });

    it('updates the same record when the summary is edited', async () => {
      const adapter = crm.adapter();
      const call = callInput(null);
      const ref = await adapter.logCall(call);
      const edited = { ...call, title: 'Inbound call: refund issued', summary: { ...summary, reason: 'Refund request after a double charge' } };
      const updated = await adapter.updateCall(ref, edited);
      expect(updated.id).toBe(ref.id);
      expect(crm.storedCall(ref.id)?.title).toBe('Inbound call: refund issued');
      expect(crm.storedCall(ref.id)?.body).toContain('Refund request after a double charge');
    });

    it('finds a logged call again by its engagement id', async () => {
      const adapter = crm.adapter();
      const call = callInput(null);
      const ref = await adapter.logCall(call);
      expect((await adapter.findCallByExternalId?.(call.engagementId))?.id).toBe(ref.id);
      expect(await adapter.findCallByExternalId?.('engagement-never-logged')).toBeNull();
    });

    it('reports a call deleted in the CRM as not found', async () => {
      const adapter = crm.adapter();
      const call = callInput(null);
      const ref = await adapter.logCall(call);
      crm.deleteCall(ref.id);
      await expect(adapter.updateCall(ref, call)).rejects.toBeInstanceOf(CrmNotFoundError);
    });
  });

  describe('failures', () => {
    afterEach(() => crm.clearFaults());

    it('turns a rate limit into CrmRateLimitedError with a retry delay', async () => {
      crm.injectRateLimit(7);
      const error = await crm.adapter().findContact({ email: 'limited@example.com' }).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(CrmRateLimitedError);
      expect((error as CrmRateLimitedError).retryAfterSeconds).toBe(crm.kind === 'hubspot' ? 7 : 900);
    });

    it.each([false, true])('turns a 5xx (html body: %s) into CrmUnavailableError', async (html) => {
      crm.injectServerError(html);
      await expect(crm.adapter().logCall(callInput(null))).rejects.toBeInstanceOf(CrmUnavailableError);
    });

    it('gives up on a read that never answers, after its two quick retries', async () => {
      crm.injectHang();
      const started = Date.now();
      await expect(crm.adapter({ requestTimeoutMs: 300 }).findContact({ email: 'slow@example.com' })).rejects.toBeInstanceOf(CrmUnavailableError);
      expect(Date.now() - started).toBeLessThan(5_000);
    });

    it("shows the CRM's validation message", async () => {
      crm.injectValidation('Calls must have a disposition in this account');
      const error = await crm.adapter().logCall(callInput(null)).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(CrmValidationError);
      expect((error as Error).message).toContain('Calls must have a disposition in this account');
    });

    it('refreshes an expired token once, stores it, and succeeds', async () => {
      const refreshed: RefreshedCrmTokens[] = [];
      const adapter = crm.adapter({ onTokensRefreshed: (tokens) => void refreshed.push(tokens) });
      const before = crm.tokenRefreshes();
      crm.expireTokens();
      await expect(adapter.findContact({ email: 'after.refresh@example.com' })).resolves.toBeNull();
      expect(crm.tokenRefreshes() - before).toBe(1);
      expect(refreshed).toHaveLength(1);
      expect(refreshed[0]?.accessToken).toEqual(expect.any(String));
      await adapter.findContact({ email: 'after.refresh@example.com' });
      expect(crm.tokenRefreshes() - before).toBe(1);
    });

    it('asks for re-authorization when the grant was revoked', async () => {
      const adapter = crm.adapter();
      crm.revokeGrants();
      await expect(adapter.findContact({ email: 'revoked@example.com' })).rejects.toBeInstanceOf(CrmAuthError);
    });
  });

  it('revokes the grant at the CRM on disconnect, and a second revoke is harmless', async () => {
    const adapter = crm.adapter();
    expect(crm.grantActive()).toBe(true);
    await adapter.revoke();
    expect(crm.grantActive()).toBe(false);
    await expect(adapter.revoke()).resolves.toBeUndefined();
  });
});
