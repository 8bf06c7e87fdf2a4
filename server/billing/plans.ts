/**
 * CallRecap's plans, in one place: what each costs, how many summaries a month it includes, and the
 * Stripe price (by lookup key) that sells it.
 */
export interface Plan {
  id: 'free' | 'team' | 'business';
  name: string;
  /** USD per agent seat per month (display only: Stripe's price is the truth). */
  pricePerSeatUsd: number;
  /** Summaries per seat per month; null for a flat allowance. */
  summariesPerSeat: number | null;
  /** Summaries per month regardless of seats; null when counted per seat. */
  summariesFlat: number | null;
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
    stripeLookupKey: null,
    features: ['50 AI summaries a month', 'Agent panel in Zoom', 'Supervisor web view', 'JSON export'],
  },
  {
    id: 'team',
    name: 'Team',
    pricePerSeatUsd: 19,
    summariesPerSeat: 300,
    summariesFlat: null,
    stripeLookupKey: 'callrecap_team_monthly',
    features: ['300 summaries per agent a month', 'HubSpot and Salesforce sync', 'Analytics and CSV reports'],
  },
  {
    id: 'business',
    name: 'Business',
    pricePerSeatUsd: 39,
    summariesPerSeat: 1000,
    summariesFlat: null,
    stripeLookupKey: 'callrecap_business_monthly',
    features: ['1,000 summaries per agent a month', 'Everything in Team', 'Priority support', 'Audit log export'],
  },
];

export const FREE_PLAN = PLANS[0]!;

export type SubscriptionStatus = 'none' | 'trialing' | 'active' | 'past_due' | 'canceled' | 'unpaid' | 'incomplete';

export function planById(id: string): Plan {
  return PLANS.find((plan) => plan.id === id) ?? FREE_PLAN;
}

export function planForPriceLookupKey(lookupKey: string | null | undefined): Plan | undefined {
  return PLANS.find((plan) => plan.stripeLookupKey !== null && plan.stripeLookupKey === lookupKey);
}

export function monthlyLimit(planId: string, seats: number): number {
  const plan = planById(planId);
  return plan.summariesFlat ?? (plan.summariesPerSeat ?? 0) * Math.max(1, seats);
}

export const PAYMENT_GRACE_DAYS = 7;

export interface Entitlement {
  /** The plan whose limits apply now: the free plan while paid features are paused. */
  plan: Plan['id'];
  paidFeaturesActive: boolean;
  banner: 'payment_failed_grace' | 'paused' | null;
  graceEndsAt: Date | null;
}

/**
 * A failed payment starts a grace period with a banner; after it the paid features pause (the free
 * plan's limits apply) until the payment succeeds. A canceled subscription falls back to free.
 */
export function entitlement(input: { plan: string; status: string; pastDueSince: Date | null; now: Date; graceDays?: number }): Entitlement {
  const plan = planById(input.plan);
  if (plan.id === 'free') return { plan: 'free', paidFeaturesActive: false, banner: null, graceEndsAt: null };
  if (input.status === 'active' || input.status === 'trialing') return { plan: plan.id, paidFeaturesActive: true, banner: null, graceEndsAt: null };
  if (input.status === 'past_due' || input.status === 'unpaid') {
    const since = input.pastDueSince ?? input.now;
    const graceEndsAt = new Date(since.getTime() + (input.graceDays ?? PAYMENT_GRACE_DAYS) * 86_400_000);
    return input.now < graceEndsAt
      ? { plan: plan.id, paidFeaturesActive: true, banner: 'payment_failed_grace', graceEndsAt }
      : { plan: 'free', paidFeaturesActive: false, banner: 'paused', graceEndsAt };
  }
  return { plan: 'free', paidFeaturesActive: false, banner: null, graceEndsAt: null };
}
