import type { organizations } from '../../db/schema';
import { dailyAiSpendCap, entitlement, monthlyLimit } from './plans';

type Organization = typeof organizations.$inferSelect;

/**
 * How many summaries the organization may have this period: its plan's limit while the paid
 * features are active, the free plan's once a failed payment's grace period has run out.
 */
export function summaryLimitFor(org: Organization, now: Date): number {
  const access = entitlement({
    plan: org.plan,
    status: org.subscriptionStatus,
    pastDueSince: org.pastDueSince,
    now,
  });
  return monthlyLimit(access.plan, org.seats);
}

/** The organization's AI spend cap for a UTC day, under the plan that applies now (see summaryLimitFor). */
export function aiSpendCapFor(org: Organization, now: Date, deploymentCapUsd: number): number {
  const access = entitlement({ plan: org.plan, status: org.subscriptionStatus, pastDueSince: org.pastDueSince, now });
  return dailyAiSpendCap(access.plan, deploymentCapUsd);
}
