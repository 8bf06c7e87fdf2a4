import { sql } from 'drizzle-orm';
import { z } from 'zod';
import type { Tx } from '../../db/tenant';
import type { AnalyticsReport, PerformanceRow } from '../contract/api';
import { utcDays, type Period } from './period';

/**
 * The analytics report as one reviewed SQL statement over the base tables.
 *
 * Which engagements count: ended ones whose activity_at (= ended_at once ended) is in [from, to).
 * Definitions, per row:
 * - averageHandleSeconds: mean of engagements.duration_seconds.
 * - sentiment / outcomes: counts of summaries.sentiment_label / outcome_status.
 * - approvalRate: approved summaries / summaries in status 'ready'.
 * - editRate: the mean summaries.edit_ratio of approved summaries (the share of the AI's words the
 *   agent changed before approving, 0..1), rather than the share of summaries with an edit version:
 *   a one-word fix and a rewrite should not weigh the same.
 * - medianSecondsToApproval: percentile_cont(0.5) of approved_at - ended_at.
 * - crmSyncSuccessRate: engagements whose final CRM state is a success / engagements with a final
 *   state. The final state of an engagement in one CRM is its latest attempt that is not 'retrying';
 *   with two CRMs connected, the engagement succeeded only if every CRM holds it.
 *
 * Cost grows with the window: every ended engagement in it, its summary, and an index probe for its
 * CRM attempts. Measured with tests/bench/analytics-list.ts, a 90-day window misses 200 ms from about
 * 100k engagements a year; the daily rollup proposed to the team (org, UTC day, agent, queue) is what
 * scales, with these same definitions.
 */

/** Grouping sets in one pass; grouping() tells which set a row belongs to (1 bit per rolled-up column). */
function reportSql(orgId: string, period: Period) {
  const agentFilter = period.agentId ? sql`and e.agent_user_id = ${period.agentId}::uuid` : sql``;
  const queueFilter = period.queueId ? sql`and e.queue_id = ${period.queueId}` : sql``;
  return sql`
    with scope as (
      select e.id, e.agent_user_id, e.queue_id, e.queue_name, e.duration_seconds,
             (e.activity_at at time zone 'UTC')::date as day,
             s.status as summary_status, s.sentiment_label, s.sentiment_score, s.outcome_status, s.category,
             s.edit_ratio, s.approved_at is not null as approved,
             greatest(extract(epoch from s.approved_at - e.ended_at), 0) as seconds_to_approval,
             crm.synced
      from engagements e
      left join summaries s on s.org_id = e.org_id and s.engagement_id = e.id
      -- Final CRM state: per CRM the latest attempt that is not 'retrying'; null when never attempted.
      -- Probed per engagement (crm_sync_attempts_org_engagement), so the cost follows the window, not the history.
      left join lateral (
        select bool_and(final.result in ('created', 'updated')) as synced
        from (
          select distinct on (a.crm_kind) a.result
          from crm_sync_attempts a
          where a.org_id = e.org_id and a.engagement_id = e.id and a.result <> 'retrying'
          order by a.crm_kind, a.started_at desc, a.id desc
        ) final
      ) crm on true
      where e.org_id = ${orgId}::uuid and e.status = 'ended'
        and e.activity_at >= ${period.from.toISOString()}::timestamptz
        and e.activity_at < ${period.to.toISOString()}::timestamptz
        ${agentFilter} ${queueFilter}
    ),
    grouped as (
      select
        case grouping(f.agent_user_id, f.queue_id, f.day, f.category)
          when 15 then 'total' when 7 then 'agent' when 11 then 'queue' when 13 then 'day' else 'category'
        end as dimension,
        f.agent_user_id, f.queue_id, max(f.queue_name) as queue_name, f.day, f.category,
        count(*)::int as engagements,
        avg(f.duration_seconds)::float8 as average_handle_seconds,
        count(*) filter (where f.sentiment_label = 'positive')::int as positive,
        count(*) filter (where f.sentiment_label = 'neutral')::int as neutral,
        count(*) filter (where f.sentiment_label = 'negative')::int as negative,
        avg(f.sentiment_score)::float8 as average_sentiment,
        count(*) filter (where f.outcome_status = 'resolved')::int as resolved,
        count(*) filter (where f.outcome_status = 'unresolved')::int as unresolved,
        count(*) filter (where f.outcome_status = 'follow_up')::int as follow_up,
        count(*) filter (where f.summary_status = 'ready')::int as ready,
        count(*) filter (where f.summary_status = 'ready' and f.approved)::int as approved,
        avg(f.edit_ratio) filter (where f.approved)::float8 as edit_rate,
        percentile_cont(0.5) within group (order by f.seconds_to_approval) filter (where f.approved) as median_seconds_to_approval,
        count(f.synced)::int as crm_final,
        count(*) filter (where f.synced)::int as crm_synced
      from scope f
      group by grouping sets ((), (f.agent_user_id), (f.queue_id), (f.day), (f.category))
    )
    select g.dimension, g.agent_user_id::text as agent_id, u.name as agent_name, g.queue_id, g.queue_name,
           g.day::text as day, g.category, g.engagements, g.average_handle_seconds, g.positive, g.neutral, g.negative,
           g.average_sentiment, g.resolved, g.unresolved, g.follow_up, g.ready, g.approved, g.edit_rate,
           g.median_seconds_to_approval, g.crm_final, g.crm_synced
    from grouped g
    left join users u on u.org_id = ${orgId}::uuid and u.id = g.agent_user_id`;
}

const groupRowSchema = z.object({
  dimension: z.enum(['total', 'agent', 'queue', 'day', 'category']),
  agent_id: z.string().nullable(),
  agent_name: z.string().nullable(),
  queue_id: z.string().nullable(),
  queue_name: z.string().nullable(),
  day: z.string().nullable(),
  category: z.string().nullable(),
  engagements: z.number().int(),
  average_handle_seconds: z.number().nullable(),
  positive: z.number().int(),
  neutral: z.number().int(),
  negative: z.number().int(),
  average_sentiment: z.number().nullable(),
  resolved: z.number().int(),
  unresolved: z.number().int(),
  follow_up: z.number().int(),
  ready: z.number().int(),
  approved: z.number().int(),
  edit_rate: z.number().nullable(),
  median_seconds_to_approval: z.number().nullable(),
  crm_final: z.number().int(),
  crm_synced: z.number().int(),
});
type GroupRow = z.infer<typeof groupRowSchema>;

/** Rows for engagements without an owner or a queue, so the rows always add up to the totals. */
export const UNASSIGNED_ID = 'unassigned';

const round = (value: number | null, digits: number): number | null =>
  value === null ? null : Math.round(value * 10 ** digits) / 10 ** digits;
const ratio = (part: number, whole: number): number | null => (whole > 0 ? round(part / whole, 4) : null);
const clampRate = (value: number | null): number | null => (value === null ? null : round(Math.min(1, Math.max(0, value)), 4));

function performanceRow(id: string, name: string, row: GroupRow | undefined): PerformanceRow {
  if (!row) {
    return {
      id,
      name,
      engagements: 0,
      averageHandleSeconds: null,
      sentiment: { positive: 0, neutral: 0, negative: 0 },
      outcomes: { resolved: 0, unresolved: 0, follow_up: 0 },
      approvalRate: null,
      editRate: null,
      medianSecondsToApproval: null,
      crmSyncSuccessRate: null,
    };
  }
  return {
    id,
    name,
    engagements: row.engagements,
    averageHandleSeconds: round(row.average_handle_seconds, 1),
    sentiment: { positive: row.positive, neutral: row.neutral, negative: row.negative },
    outcomes: { resolved: row.resolved, unresolved: row.unresolved, follow_up: row.follow_up },
    approvalRate: ratio(row.approved, row.ready),
    editRate: clampRate(row.edit_rate),
    medianSecondsToApproval: round(row.median_seconds_to_approval, 1),
    crmSyncSuccessRate: ratio(row.crm_synced, row.crm_final),
  };
}

const busiestFirst = (a: PerformanceRow, b: PerformanceRow) => b.engagements - a.engagements || a.name.localeCompare(b.name);

export async function analyticsReport(tx: Tx, orgId: string, period: Period): Promise<AnalyticsReport> {
  const rows = z.array(groupRowSchema).parse(await tx.execute(reportSql(orgId, period)));
  const of = (dimension: GroupRow['dimension']) => rows.filter((row) => row.dimension === dimension);

  const byAgent = of('agent').map((row) =>
    row.agent_id === null
      ? performanceRow(UNASSIGNED_ID, 'No agent', row)
      : performanceRow(row.agent_id, row.agent_name ?? 'Removed user', row),
  );
  const byQueue = of('queue').map((row) =>
    row.queue_id === null
      ? performanceRow(UNASSIGNED_ID, 'No queue', row)
      : performanceRow(row.queue_id, row.queue_name ?? row.queue_id, row),
  );
  const days = new Map(of('day').map((row) => [row.day, row]));
  const trend = utcDays(period).map((day) => {
    const row = days.get(day);
    return {
      day,
      engagements: row?.engagements ?? 0,
      positive: row?.positive ?? 0,
      neutral: row?.neutral ?? 0,
      negative: row?.negative ?? 0,
      averageSentiment: round(row?.average_sentiment ?? null, 3),
    };
  });
  const categories = of('category')
    .filter((row): row is GroupRow & { category: string } => row.category !== null)
    .map((row) => ({ category: row.category, engagements: row.engagements }))
    .sort((a, b) => b.engagements - a.engagements || a.category.localeCompare(b.category));

  return {
    period: { from: period.from.toISOString(), to: period.to.toISOString() },
    totals: performanceRow('all', 'All engagements', of('total')[0]),
    byAgent: byAgent.sort(busiestFirst),
    byQueue: byQueue.sort(busiestFirst),
    trend,
    categories,
  };
}
