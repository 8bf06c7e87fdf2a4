import { sql } from 'drizzle-orm';
import { z } from 'zod';
import type { Tx } from '../../db/tenant';
import type { AnalyticsReport, PerformanceRow } from '../contract/api';
import { utcDays, type Period } from './period';
import { approvalMedians, type ApprovalMedians } from './median';
import { dateArray, daySpans, engagementFacts, ROLLUP_SUMS, utcDayOf } from './rollup';

/**
 * The analytics report. Definitions, per row (ended engagements whose activity_at, = ended_at once
 * ended, is in [from, to); the UTC day of activity_at is the trend's day):
 * - averageHandleSeconds: mean of engagements.duration_seconds.
 * - sentiment / outcomes: counts of summaries.sentiment_label / outcome_status; the trend's average
 *   sentiment is the mean sentiment_score (as numeric: exact, so any split of the rows adds up alike).
 * - approvalRate: approved summaries / summaries in status 'ready'.
 * - editRate: the mean summaries.edit_ratio of approved summaries (the share of the AI's words the
 *   agent changed before approving, 0..1), rather than the share of summaries with an edit version:
 *   a one-word fix and a rewrite should not weigh the same.
 * - medianSecondsToApproval: percentile_cont(0.5) of approved_at - ended_at (never below 0).
 * - crmSyncSuccessRate: engagements whose final CRM state is a success / engagements with a final
 *   state. The final state of an engagement in one CRM is its latest attempt that is not 'retrying';
 *   with two CRMs connected, the engagement succeeded only if every CRM holds it.
 *
 * analyticsReportFromBaseTables computes this from the base tables in one statement: the definition,
 * and what tests/analytics-rollup.test.ts holds the served report to. Its cost grows with the window
 * (a 90-day window of a million engagements a year takes seconds), so analyticsReport serves the same
 * numbers from the daily rollup (rollup.ts), reading only dirty and partial days from the base tables.
 */

/** Grouping sets in one pass; grouping() tells which set a row belongs to (1 bit per rolled-up column). */
function baseTablesReportSql(orgId: string, period: Period) {
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
        avg(f.sentiment_score::numeric)::float8 as average_sentiment,
        count(*) filter (where f.outcome_status = 'resolved')::int as resolved,
        count(*) filter (where f.outcome_status = 'unresolved')::int as unresolved,
        count(*) filter (where f.outcome_status = 'follow_up')::int as follow_up,
        count(*) filter (where f.summary_status = 'ready')::int as ready,
        count(*) filter (where f.summary_status = 'ready' and f.approved)::int as approved,
        avg(f.edit_ratio::numeric) filter (where f.approved)::float8 as edit_rate,
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

/**
 * Which rollup rows answer a window: whole calendar months inside it with no raw day come from
 * analytics_monthly (unnarrowed reports only: the daily trend of one agent or queue needs its days),
 * the other days from analytics_daily, as ranges an index scan can read.
 */
function planWindow(
  period: Period,
  rawDays: string[],
): { fullMonths: string[]; dayRanges: Array<[string, string]> } {
  const first = Date.parse(`${utcDayOf(period.from.getTime())}T00:00:00Z`);
  const last = Date.parse(`${utcDayOf(period.to.getTime() - 1)}T00:00:00Z`);
  const raw = new Set(rawDays);
  const fullMonths = new Set<string>();
  if (!period.agentId && !period.queueId) {
    for (
      let cursor = new Date(first);
      cursor.getTime() <= last;
      cursor.setUTCMonth(cursor.getUTCMonth() + 1, 1)
    ) {
      const start = Date.UTC(cursor.getUTCFullYear(), cursor.getUTCMonth(), 1);
      const end = Date.UTC(cursor.getUTCFullYear(), cursor.getUTCMonth() + 1, 1) - DAY_MS;
      const month = utcDayOf(start);
      if (start < first || end > last || rawDays.some((day) => day.startsWith(month.slice(0, 8)))) continue;
      fullMonths.add(month);
    }
  }
  const dayRanges: Array<[string, string]> = [];
  for (let day = first; day <= last; day += DAY_MS) {
    const label = utcDayOf(day);
    if (raw.has(label) || fullMonths.has(`${label.slice(0, 8)}01`)) continue;
    const open = dayRanges.at(-1);
    if (open && Date.parse(`${open[1]}T00:00:00Z`) + DAY_MS === day) open[1] = label;
    else dayRanges.push([label, label]);
  }
  return { fullMonths: [...fullMonths], dayRanges };
}

/**
 * The window's rollup rows: whole months from analytics_monthly, other days from analytics_daily, and
 * `rawDays` (dirty, or only partly inside the window) from the base tables (engagementFacts) for the
 * part inside the window. Shared by the two queries of the report.
 */
function rollupWindow(orgId: string, period: Period, rawDays: string[]) {
  const firstDay = utcDayOf(period.from.getTime());
  const lastDay = utcDayOf(period.to.getTime() - 1);
  const narrowed = Boolean(period.agentId || period.queueId);
  const { fullMonths, dayRanges } = planWindow(period, rawDays);
  const filters = sql`${period.agentId ? sql`and r.agent_user_id = ${period.agentId}::uuid` : sql``} ${period.queueId ? sql`and r.queue_id = ${period.queueId}` : sql``}`;
  const notRaw = sql`r.day <> all(${dateArray(rawDays)}::date[])`;
  const rollupDays = sql`r.org_id = ${orgId}::uuid and r.day >= ${firstDay}::date and r.day <= ${lastDay}::date and ${notRaw}`;
  const dailyDays =
    dayRanges.length > 0
      ? sql.join(
          dayRanges.map(([from, to]) => sql`(r.day >= ${from}::date and r.day <= ${to}::date)`),
          sql` or `,
        )
      : sql`false`;
  const columns = (alias: string) => sql.raw(ROLLUP_SUMS.map((column) => `${alias}.${column}`).join(', '));
  const sources = sql`
    fresh as (${engagementFacts(orgId, daySpans(rawDays, period), period)}),
    -- Month, day and fresh rows side by side (cheaper to scan once more than to materialize their wide rows).
    rows as not materialized (
      select r.agent_user_id, r.queue_id, r.queue_name, r.engagements, ${columns('r')}, r.approvals
      from analytics_monthly r where r.org_id = ${orgId}::uuid and r.month = any(${dateArray(fullMonths)}::date[]) ${filters}
      union all
      select r.agent_user_id, r.queue_id, r.queue_name, r.engagements, ${columns('r')}, r.approvals
      from analytics_daily r where r.org_id = ${orgId}::uuid and (${dailyDays}) and ${notRaw} ${filters}
      union all
      select f.agent_user_id, f.queue_id, f.queue_name, f.engagements, ${columns('f')}, coalesce(float8send(f.approval_second), ''::bytea) from fresh f
    )`;
  return { sources, narrowed, filters, rollupDays };
}

/** The report's sums (total, per owner, per queue), daily trend and category mix, as baseTablesReportSql's rows without medians. */
function rollupSumsSql(orgId: string, period: Period, rawDays: string[]) {
  const { sources, narrowed, filters, rollupDays } = rollupWindow(orgId, period, rawDays);
  const trendColumns = (alias: string) =>
    sql.raw(
      ['engagements', 'positive', 'neutral', 'negative', 'sentiment_sum', 'sentiment_count']
        .map((c) => `${alias}.${c}`)
        .join(', '),
    );
  return sql`
    with ${sources},
    grouped as (
      select case grouping(d.agent_user_id, d.queue_id) when 3 then 'total' when 1 then 'agent' else 'queue' end as dimension,
             d.agent_user_id, d.queue_id, max(d.queue_name) as queue_name,
             -- coalesce: the grand total of an empty window is one row of nulls; the base tables' count(*) says 0.
             coalesce(sum(d.engagements), 0)::int as engagements,
             ${sql.raw(ROLLUP_SUMS.map((column) => `coalesce(sum(d.${column}), 0) as ${column}`).join(', '))}
      from rows d
      group by grouping sets ((), (d.agent_user_id), (d.queue_id))
    ),
    trend as (
      select t.day, sum(t.engagements)::int as engagements, sum(t.positive)::int as positive, sum(t.neutral)::int as neutral,
             sum(t.negative)::int as negative, (sum(t.sentiment_sum) / nullif(sum(t.sentiment_count), 0))::float8 as average_sentiment
      from (
        select r.day, ${trendColumns('r')}
        from ${narrowed ? sql`analytics_daily` : sql`analytics_daily_totals`} r where ${rollupDays} ${narrowed ? filters : sql``}
        union all
        select f.day, ${trendColumns('f')} from fresh f
      ) t
      group by t.day
    ),
    category_counts as (
      select c.category, sum(c.engagements)::int as engagements
      from (
        ${
          narrowed
            ? sql`select r.category, r.engagements from analytics_daily_categories r where ${rollupDays} ${filters}`
            : sql`select r.category, r.engagements from analytics_daily_category_totals r where ${rollupDays}`
        }
        union all
        select f.category, 1 from fresh f where f.category is not null
      ) c
      group by c.category
    )
    select g.dimension, g.agent_user_id::text as agent_id, u.name as agent_name, g.queue_id, g.queue_name, null as day, null as category,
           g.engagements,
           (g.handle_seconds_sum::numeric / nullif(g.handle_count, 0))::float8 as average_handle_seconds,
           g.positive::int, g.neutral::int, g.negative::int,
           (g.sentiment_sum / nullif(g.sentiment_count, 0))::float8 as average_sentiment,
           g.resolved::int, g.unresolved::int, g.follow_up::int, g.ready::int, g.approved_ready::int as approved,
           (g.edit_ratio_sum / nullif(g.approved, 0))::float8 as edit_rate,
           null::float8 as median_seconds_to_approval,
           g.crm_final::int, g.crm_synced::int
    from grouped g
    left join users u on u.org_id = ${orgId}::uuid and u.id = g.agent_user_id
    union all
    select 'day', null, null, null, null, t.day::text, null, t.engagements, null, t.positive, t.neutral, t.negative, t.average_sentiment,
           0, 0, 0, 0, 0, null, null, 0, 0
    from trend t
    union all
    select 'category', null, null, null, null, null, c.category, c.engagements, null, 0, 0, 0, null, 0, 0, 0, 0, 0, null, null, 0, 0
    from category_counts c`;
}

/**
 * The window's approval seconds per owner and queue, packed (float8send) in base64: a third smaller
 * than bytea's hex, as Postgres writes it, with a line break every 76 characters. Medians: median.ts.
 */
function rollupApprovalsSql(orgId: string, period: Period, rawDays: string[]) {
  const { sources } = rollupWindow(orgId, period, rawDays);
  return sql`
    with ${sources}
    select d.agent_user_id::text as agent_id, d.queue_id, encode(string_agg(d.approvals, ''::bytea), 'base64') as approvals_base64
    from rows d group by d.agent_user_id, d.queue_id`;
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

const approvalsRowSchema = z.object({
  agent_id: z.string().nullable(),
  queue_id: z.string().nullable(),
  approvals_base64: z.string(),
});

/** Rows for engagements without an owner or a queue, so the rows always add up to the totals. */
export const UNASSIGNED_ID = 'unassigned';

const round = (value: number | null, digits: number): number | null =>
  value === null ? null : Math.round(value * 10 ** digits) / 10 ** digits;
const ratio = (part: number, whole: number): number | null => (whole > 0 ? round(part / whole, 4) : null);
const clampRate = (value: number | null): number | null =>
  value === null ? null : round(Math.min(1, Math.max(0, value)), 4);

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

const busiestFirst = (a: PerformanceRow, b: PerformanceRow) =>
  b.engagements - a.engagements || a.name.localeCompare(b.name);

/**
 * The report served to supervisors: from the rollup, exactly as analyticsReportFromBaseTables would
 * compute it. Moving a year's million approval seconds out for the medians takes about as long as all
 * the sums, so the two are separate queries run side by side on a pair of transactions that read one
 * snapshot (withOrgPair): one core each, one moment of the data.
 */
export async function analyticsReport(
  first: Tx,
  second: Tx,
  orgId: string,
  period: Period,
): Promise<AnalyticsReport> {
  // JIT compiling would cost more than these queries take.
  // JIT compiling would cost more than these queries take.
  const settings = sql`select set_config('jit', 'off', true), set_config('work_mem', '32MB', true)`;
  const [rawDays] = await Promise.all([
    daysReadFromBaseTables(first, orgId, period),
    first.execute(settings),
    second.execute(settings),
  ]);
  const [rows, medians] = await Promise.all([
    first
      .execute(rollupSumsSql(orgId, period, rawDays))
      .then((result) => z.array(groupRowSchema).parse(result)),
    second.execute(rollupApprovalsSql(orgId, period, rawDays)).then((result) =>
      approvalMedians(
        z
          .array(approvalsRowSchema)
          .parse(result)
          .map((row) => ({
            base64: row.approvals_base64,
            agentKey: row.agent_id ?? '',
            queueKey: row.queue_id ?? '',
          })),
      ),
    ),
  ]);
  return assembleReport(withMedians(rows, medians), period);
}

/** The total, agent and queue rows with their medians. */
function withMedians(rows: GroupRow[], medians: ApprovalMedians): GroupRow[] {
  return rows.map((row) => {
    if (row.dimension === 'total') return { ...row, median_seconds_to_approval: medians.total };
    if (row.dimension === 'agent')
      return { ...row, median_seconds_to_approval: medians.byAgent.get(row.agent_id ?? '') ?? null };
    if (row.dimension === 'queue')
      return { ...row, median_seconds_to_approval: medians.byQueue.get(row.queue_id ?? '') ?? null };
    return row;
  });
}

/**
 * Days of the window the rollup cannot answer: those marked dirty, and a first or last day the window
 * covers only in part. (Read just before the report: a day marked in between is served as of that
 * moment, and a day rebuilt in between is still read from the base tables, which are always right.)
 */
async function daysReadFromBaseTables(tx: Tx, orgId: string, period: Period): Promise<string[]> {
  const firstDay = utcDayOf(period.from.getTime());
  const lastDay = utcDayOf(period.to.getTime() - 1);
  const dirty = z.array(z.object({ day: z.string() })).parse(
    await tx.execute(sql`select distinct day::text as day from analytics_dirty_days
      where org_id = ${orgId}::uuid and day >= ${firstDay}::date and day <= ${lastDay}::date`),
  );
  const partial = [
    ...(period.from.getTime() % DAY_MS !== 0 ? [firstDay] : []),
    ...(period.to.getTime() % DAY_MS !== 0 ? [lastDay] : []),
  ];
  return [...new Set([...dirty.map((row) => row.day), ...partial])].sort();
}

const DAY_MS = 86_400_000;

/** The report computed from the base tables: the reference the rollup is tested against. */
export async function analyticsReportFromBaseTables(
  tx: Tx,
  orgId: string,
  period: Period,
): Promise<AnalyticsReport> {
  return assembleReport(
    z.array(groupRowSchema).parse(await tx.execute(baseTablesReportSql(orgId, period))),
    period,
  );
}

function assembleReport(rows: GroupRow[], period: Period): AnalyticsReport {
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
