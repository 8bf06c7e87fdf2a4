import { sql, type SQL } from 'drizzle-orm';
import { z } from 'zod';
import type { Database } from '../../db/client';
import { withOrg, type Tx } from '../../db/tenant';

/**
 * The analytics rollup: per organization, UTC day, owner and queue, the sums and counts the report
 * adds up (analytics_daily), the category counts at that grain (analytics_daily_categories) and per
 * day (analytics_daily_category_totals). Every number is a count or an exact (numeric) sum, so rows
 * add up across days, agents and queues to what queries.ts computes from the base tables; the median
 * time to approval does not add up, so each row keeps its approvals' seconds.
 *
 * Freshness: triggers (migration 0004) append (org, day) to analytics_dirty_days in the transaction of
 * every write that can change a day's numbers. The report reads dirty days from the base tables, the
 * rest from the rollup; the analytics.rollup job rebuilds dirty days every minute. A rebuild first
 * deletes the marks it claims, then recomputes those days in a later statement of the same transaction,
 * so whatever committed before the claim is in the rebuild, and a write still in flight keeps its own
 * mark (it is not visible to the claim) and is rebuilt next time.
 */

/** A half-open span of activity_at, [from, to). */
export interface TimeSpan {
  from: Date;
  to: Date;
}

const DAY_MS = 86_400_000;

/** The UTC day (YYYY-MM-DD) of an instant. */
export const utcDayOf = (time: number): string => new Date(Math.floor(time / DAY_MS) * DAY_MS).toISOString().slice(0, 10);

/**
 * Whole UTC days as spans of activity_at, consecutive days merged, each clipped to `within` when given.
 * `days` are YYYY-MM-DD.
 */
export function daySpans(days: string[], within?: TimeSpan): TimeSpan[] {
  const starts = [...new Set(days)].map((day) => Date.parse(`${day}T00:00:00Z`)).sort((a, b) => a - b);
  const spans: Array<{ from: number; to: number }> = [];
  for (const start of starts) {
    const last = spans.at(-1);
    if (last && last.to === start) last.to = start + DAY_MS;
    else spans.push({ from: start, to: start + DAY_MS });
  }
  return spans
    .map((span) => ({
      from: new Date(within ? Math.max(span.from, within.from.getTime()) : span.from),
      to: new Date(within ? Math.min(span.to, within.to.getTime()) : span.to),
    }))
    .filter((span) => span.from < span.to);
}

/** A date[] literal; every day has been checked to be YYYY-MM-DD. */
export function dateArray(days: string[]): string {
  for (const day of days) if (!/^\d{4}-\d{2}-\d{2}$/.test(day)) throw new Error(`not a day: ${day}`);
  return `{${days.join(',')}}`;
}

export interface FactFilters {
  agentId?: string;
  queueId?: string;
}

/**
 * One row per ended engagement whose activity_at falls in `ranges`, in the rollup's shape (a count is
 * 0 or 1, a sum is the engagement's own value), plus its category and its seconds to approval. The
 * definitions are those of queries.ts's base-table report.
 */
export function engagementFacts(orgId: string, spans: TimeSpan[], filters: FactFilters = {}): SQL {
  const agentFilter = filters.agentId ? sql`and e.agent_user_id = ${filters.agentId}::uuid` : sql``;
  const queueFilter = filters.queueId ? sql`and e.queue_id = ${filters.queueId}` : sql``;
  // One branch per span, its bounds given as values: each is a range scan of engagements_org_activity.
  // (Spans joined as rows would leave the planner guessing their width, and it then reads the whole organization.)
  const branches = spans.map(
    (span) => sql`select e.* from engagements e
      where e.org_id = ${orgId}::uuid and e.status = 'ended' ${agentFilter} ${queueFilter}
        and e.activity_at >= ${span.from.toISOString()}::timestamptz and e.activity_at < ${span.to.toISOString()}::timestamptz`,
  );
  const engagementsInSpans = branches.length > 0 ? sql.join(branches, sql` union all `) : sql`select e.* from engagements e where false`;
  return sql`
    select (e.activity_at at time zone 'UTC')::date as day, e.agent_user_id, e.queue_id, e.queue_name, s.category,
           1 as engagements,
           coalesce(e.duration_seconds, 0)::bigint as handle_seconds_sum,
           (e.duration_seconds is not null)::int as handle_count,
           coalesce(s.sentiment_label = 'positive', false)::int as positive,
           coalesce(s.sentiment_label = 'neutral', false)::int as neutral,
           coalesce(s.sentiment_label = 'negative', false)::int as negative,
           coalesce(s.sentiment_score::numeric, 0) as sentiment_sum,
           (s.sentiment_score is not null)::int as sentiment_count,
           coalesce(s.outcome_status = 'resolved', false)::int as resolved,
           coalesce(s.outcome_status = 'unresolved', false)::int as unresolved,
           coalesce(s.outcome_status = 'follow_up', false)::int as follow_up,
           coalesce(s.status = 'ready', false)::int as ready,
           coalesce(s.status = 'ready' and s.approved_at is not null, false)::int as approved_ready,
           (s.approved_at is not null)::int as approved,
           case when s.approved_at is not null then s.edit_ratio::numeric else 0 end as edit_ratio_sum,
           (crm.synced is not null)::int as crm_final,
           coalesce(crm.synced, false)::int as crm_synced,
           case when s.approved_at is not null then greatest(extract(epoch from s.approved_at - e.ended_at), 0)::float8 end as approval_second
    from (${engagementsInSpans}) e
    left join summaries s on s.org_id = e.org_id and s.engagement_id = e.id
    left join lateral (
      select bool_and(final.result in ('created', 'updated')) as synced
      from (
        select distinct on (a.crm_kind) a.result
        from crm_sync_attempts a
        where a.org_id = e.org_id and a.engagement_id = e.id and a.result <> 'retrying'
        order by a.crm_kind, a.started_at desc, a.id desc
      ) final
    ) crm on true`;
}

/** Approval seconds packed as big-endian float8s in one bytea (server/analytics/median.ts reads them). */
export function packedApprovals(column: string): SQL {
  return sql.raw(`coalesce(string_agg(float8send(${column}), ''::bytea order by ${column}) filter (where ${column} is not null), ''::bytea)`);
}

/** analytics_daily's additive columns, in order. */
export const ROLLUP_SUMS = [
  'handle_seconds_sum',
  'handle_count',
  'positive',
  'neutral',
  'negative',
  'sentiment_sum',
  'sentiment_count',
  'resolved',
  'unresolved',
  'follow_up',
  'ready',
  'approved_ready',
  'approved',
  'edit_ratio_sum',
  'crm_final',
  'crm_synced',
] as const;

const INTEGER_SUMS = new Set<string>(ROLLUP_SUMS.filter((c) => !['handle_seconds_sum', 'sentiment_sum', 'edit_ratio_sum'].includes(c)));
const summed = (column: string, alias = 'f') =>
  INTEGER_SUMS.has(column) ? `sum(${alias}.${column})::int as ${column}` : `sum(${alias}.${column}) as ${column}`;

// The advisory lock class of rollup rebuilds (with the organization as the second key): one at a time per organization.
const REBUILD_LOCK = 4_120_911;

/**
 * Claims up to `maxDays` dirty days of the organization and rebuilds their rollup rows from the base
 * tables, in the caller's transaction. Returns the days rebuilt (empty: nothing was dirty).
 */
export async function rebuildDirtyDays(tx: Tx, orgId: string, maxDays: number): Promise<string[]> {
  await tx.execute(sql`select pg_advisory_xact_lock(${REBUILD_LOCK}, hashtext(${orgId}))`);
  const claimed = z.array(z.object({ day: z.string() })).parse(
    await tx.execute(sql`
      delete from analytics_dirty_days d
      using (select distinct day from analytics_dirty_days where org_id = ${orgId}::uuid order by day limit ${maxDays}) pick
      where d.org_id = ${orgId}::uuid and d.day = pick.day
      returning d.day::text as day`),
  );
  const days = [...new Set(claimed.map((row) => row.day))].sort();
  if (days.length === 0) return [];
  const dayList = sql`${dateArray(days)}::date[]`;
  await tx.execute(sql`delete from analytics_daily where org_id = ${orgId}::uuid and day = any(${dayList})`);
  await tx.execute(sql`delete from analytics_daily_categories where org_id = ${orgId}::uuid and day = any(${dayList})`);
  await tx.execute(sql`delete from analytics_daily_category_totals where org_id = ${orgId}::uuid and day = any(${dayList})`);
  await tx.execute(sql`delete from analytics_daily_totals where org_id = ${orgId}::uuid and day = any(${dayList})`);
  // One statement: the facts are read once, in one snapshot, for all three tables.
  await tx.execute(sql`
    with f as materialized (${engagementFacts(orgId, daySpans(days))}),
    daily as (
      insert into analytics_daily (org_id, day, agent_user_id, queue_id, queue_name, engagements, ${sql.raw(ROLLUP_SUMS.join(', '))}, approvals)
      select ${orgId}::uuid, f.day, f.agent_user_id, f.queue_id, max(f.queue_name), count(*)::int, ${sql.raw(ROLLUP_SUMS.map((column) => summed(column)).join(', '))},
             ${packedApprovals('f.approval_second')}
      from f group by f.day, f.agent_user_id, f.queue_id
      returning 1
    ),
    day_totals as (
      insert into analytics_daily_totals (org_id, day, engagements, positive, neutral, negative, sentiment_sum, sentiment_count)
      select ${orgId}::uuid, f.day, count(*)::int, sum(f.positive)::int, sum(f.neutral)::int, sum(f.negative)::int, sum(f.sentiment_sum), sum(f.sentiment_count)::int
      from f group by f.day
      returning 1
    ),
    categories as (
      insert into analytics_daily_categories (org_id, day, agent_user_id, queue_id, category, engagements)
      select ${orgId}::uuid, f.day, f.agent_user_id, f.queue_id, f.category, count(*)::int
      from f where f.category is not null group by f.day, f.agent_user_id, f.queue_id, f.category
      returning 1
    ),
    totals as (
      insert into analytics_daily_category_totals (org_id, day, category, engagements)
      select ${orgId}::uuid, f.day, f.category, count(*)::int from f where f.category is not null group by f.day, f.category
      returning 1
    )
    select (select count(*) from daily) + (select count(*) from day_totals) + (select count(*) from categories) + (select count(*) from totals) as written`);
  // The months those days belong to, added up again from their days (a later statement: it sees the rows above).
  const monthList = sql`${dateArray([...new Set(days.map((day) => `${day.slice(0, 7)}-01`))])}::date[]`;
  await tx.execute(sql`delete from analytics_monthly where org_id = ${orgId}::uuid and month = any(${monthList})`);
  await tx.execute(sql`
    insert into analytics_monthly (org_id, month, agent_user_id, queue_id, queue_name, engagements, ${sql.raw(ROLLUP_SUMS.join(', '))}, approvals)
    select ${orgId}::uuid, date_trunc('month', r.day)::date, r.agent_user_id, r.queue_id, max(r.queue_name), sum(r.engagements)::int,
           ${sql.raw(ROLLUP_SUMS.map((column) => summed(column, 'r')).join(', '))}, string_agg(r.approvals, ''::bytea)
    from analytics_daily r
    where r.org_id = ${orgId}::uuid and date_trunc('month', r.day)::date = any(${monthList})
    group by date_trunc('month', r.day)::date, r.agent_user_id, r.queue_id`);
  return days;
}

/** Rebuilds every dirty day of the organization, a batch of days per transaction. Returns how many days. */
export async function rebuildOrganizationRollup(db: Database, orgId: string, options: { batchDays?: number; signal?: AbortSignal } = {}): Promise<number> {
  let rebuilt = 0;
  for (;;) {
    options.signal?.throwIfAborted();
    const days = await withOrg(db, orgId, (tx) => rebuildDirtyDays(tx, orgId, options.batchDays ?? 31));
    if (days.length === 0) return rebuilt;
    rebuilt += days.length;
  }
}
