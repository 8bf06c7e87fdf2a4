import { z } from 'zod';

/**
 * CallRecap's plans, in one place: what each costs, how many summaries a month it includes, and the
 * Stripe price (by lookup key) that sells it. Stripe only sells seats; the summary limits are ours to
 * count and enforce (Stripe does not meter "N summaries a month" for us).
 */

export const planIdSchema = z.enum(['free', 'team', 'business']);
export type PlanId = z.infer<typeof planIdSchema>;

export interface Plan {
  id: PlanId;
  name: string;
  /** USD per agent seat per month (display only: Stripe's price is the truth). */
  pricePerSeatUsd: number;
  /** Summaries per seat per month; null for a flat allowance. */
  summariesPerSeat: number | null;
  /** Summaries per month regardless of seats; null when counted per seat. */
  summariesFlat: number | null;
  /**
   * The most AI spend (USD, estimated from tokens) an organization on this plan may run up per UTC day,
   * so a runaway or abused account stops costing money the same day. The deployment's cap
   * (AI_SPEND_CAP_USD_PER_DAY) is the ceiling for every plan; null: that ceiling.
   */
  aiSpendCapUsdPerDay: number | null;
  /** The Stripe price's lookup_key; null for the free plan, which Stripe never sees. */
  stripeLookupKey: string | null;
  features: string[];
}

export const PLANS: readonly Plan[] = [
  {
    id: 'free',
    name: 'Free',
    pricePerSeatUsd: 0,
    summariesPerSeat: null,
    summariesFlat: 50,
    // 50 summaries a month never come near this; a free account being abused does.
    aiSpendCapUsdPerDay: 5,
    stripeLookupKey: null,
    features: ['50 AI summaries a month', 'Agent panel in Zoom', 'Supervisor web view', 'JSON export'],
  },
  {
    id: 'team',
    name: 'Team',
    pricePerSeatUsd: 19,
    summariesPerSeat: 300,
    summariesFlat: null,
    aiSpendCapUsdPerDay: null,
    stripeLookupKey: 'callrecap_team_monthly',
    features: ['300 summaries per agent a month', 'HubSpot and Salesforce sync', 'Analytics and CSV reports'],
  },
  {
    id: 'business',
    name: 'Business',
    pricePerSeatUsd: 39,
    summariesPerSeat: 1000,
    summariesFlat: null,
    aiSpendCapUsdPerDay: null,
    stripeLookupKey: 'callrecap_business_monthly',
    features: [
      '1,000 summaries per agent a month',
      'Everything in Team',
      'Priority support',
      'Audit log export',
    ],
  },
];

export const FREE_PLAN = PLANS[0]!;

/** The plans a customer can buy through Checkout. */
export const PAID_PLANS: readonly Plan[] = PLANS.filter((plan) => plan.stripeLookupKey !== null);

/** The statuses we store; Stripe's own list is longer and is mapped onto these by the gateway. */
export const subscriptionStatusSchema = z.enum([
  'none',
  'trialing',
  'active',
  'past_due',
  'canceled',
  'unpaid',
  'incomplete',
]);
export type SubscriptionStatus = z.infer<typeof subscriptionStatusSchema>;

/** Unknown ids (a stale database value) fall back to the free plan rather than granting anything. */
export function planById(id: string): Plan {
  return PLANS.find((plan) => plan.id === id) ?? FREE_PLAN;
}

export function planForPriceLookupKey(lookupKey: string | null | undefined): Plan | undefined {
  if (!lookupKey) return undefined;
  return PAID_PLANS.find((plan) => plan.stripeLookupKey === lookupKey);
}

/** Summaries the organization may create per month on this plan with this many seats. */
export function monthlyLimit(plan: Plan | string, seats: number): number {
  const resolved = typeof plan === 'string' ? planById(plan) : plan;
  if (resolved.summariesFlat !== null) return resolved.summariesFlat;
  return (resolved.summariesPerSeat ?? 0) * Math.max(1, Math.floor(seats));
}

/** The AI spend an organization on this plan may run up per UTC day (USD): the plan's cap under the deployment's. */
export function dailyAiSpendCap(plan: Plan | string, deploymentCapUsd: number): number {
  const resolved = typeof plan === 'string' ? planById(plan) : plan;
  return Math.min(resolved.aiSpendCapUsdPerDay ?? deploymentCapUsd, deploymentCapUsd);
}

export const PAYMENT_GRACE_DAYS = 7;
const DAY_MS = 86_400_000;

export interface Entitlement {
  /** The plan whose limits apply now: the free plan while paid features are paused. */
  plan: PlanId;
  paidFeaturesActive: boolean;
  banner: 'payment_failed_grace' | 'paused' | null;
  /** When the paid features pause (or paused) after a failed payment; null when no payment is failing. */
  graceEndsAt: Date | null;
}

const FREE_ACCESS: Entitlement = { plan: 'free', paidFeaturesActive: false, banner: null, graceEndsAt: null };

/**
 * What the organization may use right now. A failed payment starts a grace period (7 days by default)
 * during which everything keeps working under a banner; after it the paid features pause (the free
 * plan's limits apply) until a payment succeeds. A subscription that never started (incomplete) or
 * ended (canceled) simply means the free plan.
 */
export function entitlement(input: {
  plan: string;
  status: string;
  pastDueSince: Date | null;
  now: Date;
  graceDays?: number;
}): Entitlement {
  const plan = planById(input.plan);
  const status = subscriptionStatusSchema.safeParse(input.status);
  if (plan.id === 'free' || !status.success) return FREE_ACCESS;

  switch (status.data) {
    case 'active':
    case 'trialing':
      return { plan: plan.id, paidFeaturesActive: true, banner: null, graceEndsAt: null };
    case 'past_due':
    case 'unpaid': {
      // Without a recorded start (an event we missed), the grace period starts now, never in the past.
      const since = input.pastDueSince ?? input.now;
      const graceEndsAt = new Date(since.getTime() + (input.graceDays ?? PAYMENT_GRACE_DAYS) * DAY_MS);
      return input.now < graceEndsAt
        ? { plan: plan.id, paidFeaturesActive: true, banner: 'payment_failed_grace', graceEndsAt }
        : { plan: 'free', paidFeaturesActive: false, banner: 'paused', graceEndsAt };
    }
    case 'none':
    case 'incomplete':
    case 'canceled':
      return FREE_ACCESS;
  }
}
