import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { CrmRateLimitedError } from '../server/crm/errors';
import { createHubSpotRateLimits } from '../server/crm/hubspot/rate-limits';
import { createCrmAdapter } from '../server/crm/registry';
import { startFakeHubSpot, type FakeHubSpot } from './fakes/hubspot';

/**
 * HubSpot's burst limits are per portal; our in-process limiter keeps a portal's requests under them,
 * and when HubSpot still answers 429 the adapter reports it once (no hidden SDK retries).
 */

describe('HubSpot rate limits', () => {
  let fake: FakeHubSpot;

  afterEach(() => fake.close());

  describe('with our limiter under the portal limits', () => {
    beforeEach(async () => {
      fake = await startFakeHubSpot({ limits: { per10Seconds: 10, searchPerSecond: 5 } });
    });

    it('spaces out searches so HubSpot never answers 429', async () => {
      // The defaults (4 searches/s against HubSpot's 5) leave room for requests that arrive late.
      const adapter = createCrmAdapter('hubspot', fake.connect(), { apps: { hubspot: fake.app }, hubspotLimits: createHubSpotRateLimits() });
      const started = Date.now();
      const results = await Promise.all(Array.from({ length: 9 }, (_, i) => adapter.findContact({ email: `burst${i}@example.com` })));
      expect(results).toEqual(Array.from({ length: 9 }, () => null));
      expect(fake.state.requests.filter((r) => r.status === 429)).toEqual([]);
      // 9 searches at 4 per second need two further windows.
      expect(Date.now() - started).toBeGreaterThanOrEqual(1_950);
    });

    it('refuses locally, without calling HubSpot, when the wait would be too long', async () => {
      const limits = createHubSpotRateLimits({ generalPer10s: 10, maxWaitMs: 0 });
      const adapter = createCrmAdapter('hubspot', fake.connect(), { apps: { hubspot: fake.app }, hubspotLimits: limits });
      const contact = await adapter.createContact({ email: 'burst@example.com' });
      const call = {
        engagementId: 'eng-burst',
        title: 'Call',
        summary: {
          reason: 'Question',
          keyPoints: ['One', 'Two'],
          outcome: { status: 'resolved' as const, detail: '' },
          actionItems: [],
          sentiment: { label: 'neutral' as const, score: 0 },
          category: 'General Inquiry',
          contact: {},
        },
        direction: 'inbound' as const,
        durationSeconds: 60,
        startedAt: new Date(),
        status: 'completed' as const,
        contact,
      };
      const outcomes = await Promise.allSettled(Array.from({ length: 10 }, () => adapter.logCall(call)));
      const refused = outcomes.filter((o): o is PromiseRejectedResult => o.status === 'rejected').map((o): unknown => o.reason);
      expect(refused).toHaveLength(1);
      expect(refused[0]).toBeInstanceOf(CrmRateLimitedError);
      expect((refused[0] as CrmRateLimitedError).retryAfterSeconds).toBeGreaterThanOrEqual(1);
      expect(fake.requestCount('POST', '/crm/v3/objects/calls')).toBe(9);
    });
  });

  describe('when HubSpot itself answers 429', () => {
    beforeEach(async () => {
      fake = await startFakeHubSpot({ limits: { per10Seconds: 2 } });
    });

    it('reports the Retry-After of the rolling window, after exactly one request', async () => {
      const adapter = createCrmAdapter('hubspot', fake.connect(), { apps: { hubspot: fake.app }, hubspotLimits: createHubSpotRateLimits({ generalPer10s: 1000 }) });
      await adapter.createContact({ email: 'a@example.com' });
      await adapter.createContact({ email: 'b@example.com' });
      const error = await adapter.createContact({ email: 'c@example.com' }).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(CrmRateLimitedError);
      expect((error as CrmRateLimitedError).retryAfterSeconds).toBeGreaterThanOrEqual(9);
      expect((error as CrmRateLimitedError).retryAfterSeconds).toBeLessThanOrEqual(10);
      expect(fake.state.requests.map((r) => r.status)).toEqual([201, 201, 429]);
    });

    it('retries a failed search only through our own bounded read retries (three tries), never the SDK', async () => {
      const adapter = createCrmAdapter('hubspot', fake.connect(), { apps: { hubspot: fake.app }, hubspotLimits: createHubSpotRateLimits() });
      fake.inject({ kind: 'server-error', status: 503, times: 5 });
      await expect(adapter.findContact({ email: 'x@example.com' })).rejects.toThrow(/HubSpot failed/);
      expect(fake.requestCount('POST', '/crm/v3/objects/contacts/search')).toBe(3);
    });

    it('never repeats a failed write itself: the sync job finds what a lost write created', async () => {
      const adapter = createCrmAdapter('hubspot', fake.connect(), { apps: { hubspot: fake.app }, hubspotLimits: createHubSpotRateLimits() });
      fake.inject({ kind: 'server-error', status: 503, times: 1, path: '/crm/v3/objects/contacts' });
      const before = fake.requestCount('POST', '/crm/v3/objects/contacts');
      await expect(adapter.createContact({ email: 'write-once@example.com' })).rejects.toThrow(/HubSpot failed/);
      expect(fake.requestCount('POST', '/crm/v3/objects/contacts') - before).toBe(1);
    });
  });
});
