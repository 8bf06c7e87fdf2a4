import { and, eq, isNull, sql } from 'drizzle-orm';
import { summaries, usagePeriods } from '../../db/schema';
import type { Tx } from '../../db/tenant';

/** The usage period a moment falls in: the subscription's current period, or the calendar month (UTC). */
export function usagePeriodStart(now: Date, subscriptionPeriodStart: Date | null): string {
  const start = subscriptionPeriodStart && subscriptionPeriodStart <= now ? subscriptionPeriodStart : new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), 1));
  return start.toISOString().slice(0, 10);
}

export type Reservation = { ok: true; alreadyCounted: boolean } | { ok: false; used: number; limit: number };

/**
 * Counts one summary against the period's limit before any AI spend. Atomic: the increment happens
 * only while used < limit, in one statement, so concurrent jobs can never overrun the limit. The
 * summary row remembers its period, so a retried job is never counted twice.
 */
export async function reserveSummary(tx: Tx, input: { orgId: string; engagementId: string; periodStart: string; limit: number }): Promise<Reservation> {
  const [summary] = await tx
    .select({ period: summaries.usagePeriodStart })
    .from(summaries)
    .where(eq(summaries.engagementId, input.engagementId))
    .for('update')
    .limit(1);
  if (summary?.period) return { ok: true, alreadyCounted: true };

  const rows = await tx.execute<{ summaries_used: number }>(sql`
    insert into usage_periods (org_id, period_start, summaries_used, summaries_limit)
    select ${input.orgId}, ${input.periodStart}, 1, ${input.limit} where ${input.limit} > 0
    on conflict (org_id, period_start) do update
      set summaries_used = usage_periods.summaries_used + 1, summaries_limit = excluded.summaries_limit, updated_at = now()
      where usage_periods.summaries_used < excluded.summaries_limit
    returning summaries_used`);
  if (rows.length === 0) {
    const [period] = await tx
      .select({ used: usagePeriods.summariesUsed })
      .from(usagePeriods)
      .where(and(eq(usagePeriods.orgId, input.orgId), eq(usagePeriods.periodStart, input.periodStart)));
    return { ok: false, used: period?.used ?? 0, limit: input.limit };
  }
  await tx
    .update(summaries)
    .set({ usagePeriodStart: input.periodStart })
    .where(and(eq(summaries.engagementId, input.engagementId), isNull(summaries.usagePeriodStart)));
  return { ok: true, alreadyCounted: false };
}

/** Gives a reservation back when no summary came of it (a permanent failure is not billed). */
export async function releaseSummary(tx: Tx, input: { orgId: string; engagementId: string }): Promise<void> {
  const [summary] = await tx
    .select({ id: summaries.id, period: summaries.usagePeriodStart, version: summaries.currentVersion })
    .from(summaries)
    .where(eq(summaries.engagementId, input.engagementId))
    .for('update')
    .limit(1);
  if (!summary?.period || summary.version > 0) return;
  await tx.update(summaries).set({ usagePeriodStart: null }).where(eq(summaries.id, summary.id));
  await tx
    .update(usagePeriods)
    .set({ summariesUsed: sql`greatest(${usagePeriods.summariesUsed} - 1, 0)`, updatedAt: sql`now()` })
    .where(and(eq(usagePeriods.orgId, input.orgId), eq(usagePeriods.periodStart, summary.period)));
}

export async function recordAiCost(tx: Tx, input: { orgId: string; periodStart: string; costUsd: number }): Promise<void> {
  if (input.costUsd <= 0) return;
  await tx.execute(sql`
    update usage_periods set ai_cost_usd = ai_cost_usd + ${input.costUsd.toFixed(6)}::numeric, updated_at = now()
    where org_id = ${input.orgId} and period_start = ${input.periodStart}`);
}
