import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  entitlement,
  monthlyLimit,
  planById,
  planForPriceLookupKey,
  PLANS,
  type SubscriptionStatus,
} from '../server/billing/plans';
import { verifyStripeWebhook } from '../server/billing/stripe-events';
import { createStripeGateway } from '../server/billing/stripe-gateway';
import { fixedClock } from '../server/clock';
import { startFakeStripe, type FakeEvent } from './fakes/stripe';

const DAY = 86_400_000;
const SINCE = new Date('2026-03-10T12:00:00Z');
const at = (days: number) => new Date(SINCE.getTime() + days * DAY);

describe('plans', () => {
  it('sells team and business per seat under their lookup keys; free is not sold', () => {
    expect(planForPriceLookupKey('callrecap_team_monthly')?.id).toBe('team');
    expect(planForPriceLookupKey('callrecap_business_monthly')?.id).toBe('business');
    expect(planForPriceLookupKey(null)).toBeUndefined();
    expect(planForPriceLookupKey('callrecap_enterprise_monthly')).toBeUndefined();
    expect(planById('free').stripeLookupKey).toBeNull();
    expect(planById('no-such-plan').id).toBe('free');
    expect(new Set(PLANS.map((plan) => plan.stripeLookupKey)).size).toBe(PLANS.length);
  });

  it('gives the free plan a flat allowance and paid plans an allowance per seat', () => {
    expect(monthlyLimit('free', 25)).toBe(50);
    expect(monthlyLimit('team', 4)).toBe(1200);
    expect(monthlyLimit(planById('business'), 3)).toBe(3000);
    expect(monthlyLimit('team', 0)).toBe(300);
  });
});

describe('entitlement', () => {
  const team = (status: SubscriptionStatus, pastDueSince: Date | null, now: Date, graceDays?: number) =>
    entitlement({
      plan: 'team',
      status,
      pastDueSince,
      now,
      ...(graceDays === undefined ? {} : { graceDays }),
    });

  it('grants the paid plan while the subscription is active or trialing', () => {
    expect(team('active', null, SINCE)).toEqual({
      plan: 'team',
      paidFeaturesActive: true,
      banner: null,
      graceEndsAt: null,
    });
    expect(team('trialing', null, SINCE)).toMatchObject({
      plan: 'team',
      paidFeaturesActive: true,
      banner: null,
    });
  });

  it('keeps paid features for 7 days after a failed payment, with a banner', () => {
    expect(team('past_due', SINCE, at(3))).toEqual({
      plan: 'team',
      paidFeaturesActive: true,
      banner: 'payment_failed_grace',
      graceEndsAt: at(7),
    });
    expect(team('past_due', SINCE, new Date(at(7).getTime() - 1))).toMatchObject({
      paidFeaturesActive: true,
      banner: 'payment_failed_grace',
    });
  });

  it('pauses paid features once the grace period is over, with a clear banner', () => {
    expect(team('past_due', SINCE, at(7))).toEqual({
      plan: 'free',
      paidFeaturesActive: false,
      banner: 'paused',
      graceEndsAt: at(7),
    });
    expect(team('unpaid', SINCE, at(30))).toMatchObject({
      plan: 'free',
      paidFeaturesActive: false,
      banner: 'paused',
    });
  });

  it('resumes at once when the payment succeeds, whatever happened before', () => {
    expect(team('active', at(-30), at(30))).toEqual({
      plan: 'team',
      paidFeaturesActive: true,
      banner: null,
      graceEndsAt: null,
    });
  });

  it('starts the grace period now when the start of the failure is unknown', () => {
    expect(team('past_due', null, SINCE)).toMatchObject({
      paidFeaturesActive: true,
      banner: 'payment_failed_grace',
      graceEndsAt: at(7),
    });
  });

  it('honours another grace length', () => {
    expect(team('past_due', SINCE, at(2), 1)).toMatchObject({
      plan: 'free',
      banner: 'paused',
      graceEndsAt: at(1),
    });
    expect(team('past_due', SINCE, at(13), 14)).toMatchObject({
      plan: 'team',
      banner: 'payment_failed_grace',
    });
  });

  it('falls back to free, without a banner, when there is no paid subscription', () => {
    for (const status of ['none', 'canceled', 'incomplete'] as const) {
      expect(team(status, null, SINCE)).toEqual({
        plan: 'free',
        paidFeaturesActive: false,
        banner: null,
        graceEndsAt: null,
      });
    }
    expect(
      entitlement({ plan: 'team', status: 'something_new', pastDueSince: null, now: SINCE }),
    ).toMatchObject({ plan: 'free', paidFeaturesActive: false });
    expect(entitlement({ plan: 'free', status: 'active', pastDueSince: null, now: SINCE })).toMatchObject({
      plan: 'free',
      paidFeaturesActive: false,
      banner: null,
    });
  });

  it('has paid features active exactly while now is before the end of grace', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 60 * DAY }),
        fc.integer({ min: 1, max: 30 }),
        (elapsed, graceDays) => {
          const result = team('past_due', SINCE, new Date(SINCE.getTime() + elapsed), graceDays);
          const inGrace = elapsed < graceDays * DAY;
          return (
            result.paidFeaturesActive === inGrace &&
            result.banner === (inGrace ? 'payment_failed_grace' : 'paused') &&
            result.plan === (inGrace ? 'team' : 'free')
          );
        },
      ),
    );
  });
});

describe('entitlement through a failed payment at the fake Stripe', () => {
  it('banner during grace, paused after it, active again once paid', async () => {
    const clock = fixedClock(new Date('2026-03-01T09:00:00Z'));
    const fake = await startFakeStripe({ clock });
    try {
      const gateway = createStripeGateway({
        secretKey: fake.secretKey,
        apiBaseUrl: fake.url,
        maxNetworkRetries: 0,
      });
      // What the caller would persist for the organization.
      const org = {
        plan: 'free',
        seats: 0,
        status: 'none' as SubscriptionStatus,
        pastDueSince: null as Date | null,
      };

      // The webhook route's job, reduced to its rules: verify, then trust a fresh read of the subscription.
      const receive = async (event: FakeEvent) => {
        const { body, signature } = fake.helpers.signedEvent(event);
        const parsed = verifyStripeWebhook(Buffer.from(body), signature, fake.webhookSecret, clock.now());
        if (parsed.type === 'ignored' || !parsed.subscriptionId) return;
        const subscription = await gateway.getSubscription(parsed.subscriptionId);
        if (!subscription) return;
        org.plan = subscription.planId;
        org.seats = subscription.seats;
        org.status = subscription.status;
        if (subscription.status === 'past_due') org.pastDueSince ??= parsed.created;
        else org.pastDueSince = null;
      };
      const access = () =>
        entitlement({ plan: org.plan, status: org.status, pastDueSince: org.pastDueSince, now: clock.now() });
      const limit = () => monthlyLimit(access().plan, org.seats);

      const customerId = await gateway.ensureCustomer({
        orgId: 'org-e2e',
        name: 'E2E',
        email: null,
        existingCustomerId: null,
      });
      const session = await gateway.createCheckoutSession({
        customerId,
        orgId: 'org-e2e',
        planId: 'team',
        seats: 5,
        successUrl: 'https://app.test/ok',
        cancelUrl: 'https://app.test/no',
      });
      const started = await fake.helpers.completeCheckout(session.id);
      for (const event of started.events) await receive(event);
      expect(access()).toMatchObject({ plan: 'team', paidFeaturesActive: true, banner: null });
      expect(limit()).toBe(1500);

      clock.advance(30 * DAY);
      const failedAt = clock.now();
      const failed = await fake.helpers.failPayment(started.subscription.id);
      for (const event of failed.events) await receive(event);
      expect(org.pastDueSince).toEqual(failedAt);

      clock.advance(6 * DAY);
      expect(access()).toEqual({
        plan: 'team',
        paidFeaturesActive: true,
        banner: 'payment_failed_grace',
        graceEndsAt: new Date(failedAt.getTime() + 7 * DAY),
      });
      expect(limit()).toBe(1500);

      // Stripe's next retry fails too: the grace period still counts from the first failure.
      for (const event of (await fake.helpers.failPayment(started.subscription.id)).events)
        await receive(event);
      clock.advance(2 * DAY);
      expect(access()).toMatchObject({ plan: 'free', paidFeaturesActive: false, banner: 'paused' });
      expect(limit()).toBe(50);

      for (const event of (await fake.helpers.recoverPayment(started.subscription.id)).events)
        await receive(event);
      expect(org.pastDueSince).toBeNull();
      expect(access()).toEqual({ plan: 'team', paidFeaturesActive: true, banner: null, graceEndsAt: null });
      expect(limit()).toBe(1500);
    } finally {
      await fake.close();
    }
  });
});
