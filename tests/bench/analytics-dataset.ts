import { randomUUID } from 'node:crypto';
import type postgres from 'postgres';
import type { Database } from '../../db/client';
import { rebuildOrganizationRollup } from '../../server/analytics/rollup';
import { DEFAULT_CATEGORIES } from '../../server/contract/summary';

/**
 * Bulk-loads a realistic year of contact-center data for the list and analytics benchmarks, in SQL
 * (INSERT ... SELECT over generate_series): a million engagements load in a couple of minutes.
 * The secondary indexes are dropped during the load and rebuilt after, as a restore would. The load
 * skips triggers, so the analytics rollup is built afterwards, as the rollup job would (buildRollup).
 */

const LOADED_TABLES = ['engagements', 'summaries', 'summary_versions', 'crm_sync_attempts'];

export interface LoadedOrg {
  orgId: string;
  supervisorId: string;
  agentIds: string[];
}

const REASONS = [
  'Customer was charged twice for the monthly invoice',
  'Desk phone cannot register after a firmware update',
  'Prospect asked about pricing for the Business plan',
  'Customer wants to cancel the subscription at renewal',
  'Password reset email never arrives',
  'Router keeps dropping the connection every evening',
  'Refund requested for a late delivery',
  'Update the billing address and company name',
  'Complaint about a technician who missed the appointment',
  'Question about the contract end date and notice period',
  'Upgrade from Standard to Premium support',
  'Outage reported in the downtown office',
];
const SURNAMES = ['Wright', 'Nguyen', 'Garcia', 'Okafor', 'Kowalski', 'Haddad', 'Silva', 'Tanaka', 'Novak', 'Murphy', 'Larsen', 'Rossi', 'Dubois', 'Schmidt', 'Patel', 'Kim', 'Cohen', 'Ivanova', 'Moreau', 'Fischer'];

const sqlTextArray = (values: readonly string[]) => `(array[${values.map((v) => `'${v.replace(/'/g, "''")}'`).join(', ')}])`;

async function secondaryIndexes(owner: postgres.Sql): Promise<Array<{ name: string; definition: string }>> {
  const rows = await owner<Array<{ indexname: string; indexdef: string }>>`
    select i.indexname, i.indexdef from pg_indexes i
    where i.schemaname = 'public' and i.tablename in ${owner(LOADED_TABLES)}
      and not exists (select 1 from pg_constraint c where c.conname = i.indexname)`;
  return rows.map((r) => ({ name: r.indexname, definition: r.indexdef }));
}

async function loadOrg(
  owner: postgres.Sql,
  input: { label: string; engagements: number; agents: number; now: Date; log: (line: string) => void },
): Promise<LoadedOrg> {
  const { label, engagements, agents, now } = input;
  const orgId = randomUUID();
  let last = Date.now();
  const log = (step: string) => {
    input.log(`    ${step}: ${((Date.now() - last) / 1000).toFixed(1)} s`);
    last = Date.now();
  };
  return owner.begin(async (sql) => {
    // Foreign-key triggers are skipped while loading rows generated consistent (only a superuser may).
    const [role] = await sql<Array<{ super: boolean }>>`select rolsuper as super from pg_roles where rolname = current_user`;
    if (role?.super) await sql`set local session_replication_role = replica`;
    // Works whether or not the owner is subject to row-level security.
    await sql`select set_config('app.org_id', ${orgId}, true)`;
    await sql`insert into organizations (id, zoom_account_id, name) values (${orgId}, ${'bench-' + label + '-' + orgId}, ${'Bench ' + label})`;
    await sql`insert into users (org_id, zoom_user_id, name, role)
      select ${orgId}::uuid, 'agent-' || i, 'Agent ' || lpad(i::text, 3, '0'), 'agent' from generate_series(1, ${agents}::int) i
      union all select ${orgId}::uuid, 'supervisor-' || i, 'Supervisor ' || i, 'supervisor' from generate_series(1, 3) i
      union all select ${orgId}::uuid, 'admin-1', 'Admin', 'admin'`;
    await sql.unsafe(`insert into categories (org_id, name, position)
      select '${orgId}'::uuid, c.name, c.position - 1 from unnest(${sqlTextArray(DEFAULT_CATEGORIES.map((c) => c.name))}) with ordinality as c(name, position)`);
    // One staging row per engagement with every random choice made once, so the tables agree.
    // Agents mostly take calls of their home queue (as skill-based routing does), sometimes another.
    await sql.unsafe(`
      create temp table staging on commit drop as
      with draws as (
        select n,
               1 + floor(random() * ${agents})::int as agent_index,
               random() as queue_roll,
               1 + floor(random() * 10)::int as random_queue,
               (60 + random() * 1200)::int as duration,
               timestamptz '${now.toISOString()}' - random() * interval '365 days' as ended_at,
               random() < 0.02 as in_progress,
               case when random() < 0.92 then 'ready' when random() < 0.4 then 'failed' when random() < 0.5 then 'no_transcript' else 'pending' end as summary_status,
               random() * 2 - 1 as score
        from generate_series(1, ${engagements}) n
      ),
      agent as (
        select id, row_number() over (order by zoom_user_id) as agent_index from users where org_id = '${orgId}' and role = 'agent'
      )
      select gen_random_uuid() as id, gen_random_uuid() as summary_id, d.n, agent.id as agent_user_id,
             'q-' || q.number as queue_id, 'Queue ' || q.number as queue_name,
             d.ended_at - d.duration * interval '1 second' as started_at, d.ended_at, d.duration,
             d.in_progress, d.summary_status, d.score,
             case when d.score > 0.25 then 'positive' when d.score < -0.25 then 'negative' else 'neutral' end as sentiment,
             (array['resolved', 'unresolved', 'follow_up'])[1 + floor(random() * 3)::int] as outcome,
             ${sqlTextArray(DEFAULT_CATEGORIES.map((c) => c.name))}[1 + floor(random() * ${DEFAULT_CATEGORIES.length})::int] as category,
             ${sqlTextArray(REASONS)}[1 + floor(random() * ${REASONS.length})::int]
               || ' (' || ${sqlTextArray(SURNAMES)}[1 + floor(random() * ${SURNAMES.length})::int] || ')' as reason,
             d.summary_status = 'ready' and random() < 0.75 as approved,
             case when random() < 0.6 then 0 else random() * 0.6 end as edit_ratio,
             (30 + random() ^ 3 * 172800)::int as seconds_to_approval,
             random() as crm_roll
      from draws d
      join agent using (agent_index)
      cross join lateral (select case when d.queue_roll < 0.8 then 1 + d.agent_index % 10 else d.random_queue end as number) q`);
    log('staging');
    await sql.unsafe(`
      insert into engagements (id, org_id, zoom_engagement_id, channel, direction, queue_id, queue_name, agent_user_id,
        consumer_number, consumer_name, started_at, ended_at, duration_seconds, activity_at, status, transcript_status)
      select id, '${orgId}'::uuid, 'eng-' || n, 'voice', 'inbound', queue_id, queue_name, agent_user_id,
        '+1415555' || lpad((n % 10000)::text, 4, '0'), 'Customer ' || (n % 10000),
        started_at, case when in_progress then null else ended_at end, case when in_progress then null else duration end,
        case when in_progress then started_at else ended_at end, case when in_progress then 'in_progress' else 'ended' end,
        case when in_progress then 'pending' else 'processed' end
      from staging`);
    log('engagements');
    await sql.unsafe(`
      insert into summaries (id, org_id, engagement_id, status, current_version, category, sentiment_label, sentiment_score,
        outcome_status, provider, model, edit_ratio, approved_at, crm_sync_state, search_vector, ready_at, activity_at)
      select summary_id, '${orgId}'::uuid, id, summary_status, case when summary_status = 'ready' then 1 else 0 end,
        case when summary_status = 'ready' then category end, case when summary_status = 'ready' then sentiment end,
        case when summary_status = 'ready' then score end, case when summary_status = 'ready' then outcome end,
        'local', 'offline-1', case when approved then edit_ratio else 0 end,
        case when approved then ended_at + seconds_to_approval * interval '1 second' end,
        case when not approved then 'none' when crm_roll < 0.93 then 'synced' else 'failed' end,
        case when summary_status = 'ready' then
          setweight(to_tsvector('english', reason || ' ' || category), 'A') ||
          setweight(to_tsvector('english', 'Agent confirmed the details and explained the next steps to the customer'), 'B') end,
        case when summary_status = 'ready' then ended_at + interval '40 seconds' end,
        ended_at -- the trigger that copies engagements.activity_at is off while loading
      from staging where not in_progress`);
    log('summaries');
    await sql.unsafe(`
      insert into summary_versions (org_id, summary_id, version, content, source, created_at)
      select '${orgId}'::uuid, summary_id, 1, jsonb_build_object(
          'reason', reason,
          'keyPoints', jsonb_build_array('Agent confirmed the account details', 'Agent explained the next steps'),
          'outcome', jsonb_build_object('status', outcome, 'detail', 'Handled on the call.'),
          'actionItems', jsonb_build_array(),
          'sentiment', jsonb_build_object('label', sentiment, 'score', round(score::numeric, 2)),
          'category', category,
          'contact', jsonb_build_object('phone', '+14155550100')),
        'ai', ended_at + interval '40 seconds'
      from staging where not in_progress and summary_status = 'ready'`);
    log('summary versions');
    // Approved summaries were synced: 93% succeed (one in ten after a failed first try), 7% end failed.
    await sql.unsafe(`
      insert into crm_sync_attempts (org_id, engagement_id, crm_kind, summary_version, result, started_at, finished_at)
      select '${orgId}'::uuid, id, 'hubspot', 1, 'failed', approved_at + interval '5 seconds', approved_at + interval '6 seconds'
      from (select id, ended_at + seconds_to_approval * interval '1 second' as approved_at, crm_roll from staging where approved and not in_progress) s
      where crm_roll >= 0.93 or crm_roll < 0.093
      union all
      select '${orgId}'::uuid, id, 'hubspot', 1, case when crm_roll < 0.5 then 'updated' else 'created' end, approved_at + interval '60 seconds', approved_at + interval '61 seconds'
      from (select id, ended_at + seconds_to_approval * interval '1 second' as approved_at, crm_roll from staging where approved and not in_progress) s
      where crm_roll < 0.93`);
    log('CRM sync attempts');
    const [supervisor] = await sql<Array<{ id: string }>>`select id from users where org_id = ${orgId} and role = 'supervisor' order by zoom_user_id limit 1`;
    const agentRows = await sql<Array<{ id: string }>>`select id from users where org_id = ${orgId} and role = 'agent' order by zoom_user_id`;
    return { orgId, supervisorId: supervisor!.id, agentIds: agentRows.map((r) => r.id) };
  });
}

/** The measured organization, and `otherOrgs` neighbours of engagements / 50 each sharing its tables. */
export async function loadBenchData(
  owner: postgres.Sql,
  options: { engagements: number; otherOrgs: number; now: Date; log: (line: string) => void },
): Promise<LoadedOrg> {
  const indexes = await secondaryIndexes(owner);
  for (const index of indexes) await owner.unsafe(`drop index if exists "${index.name}"`);
  const started = Date.now();
  const main = await loadOrg(owner, { label: 'main', engagements: options.engagements, agents: 100, now: options.now, log: options.log });
  options.log(`  loaded ${options.engagements} engagements in the measured organization (${((Date.now() - started) / 1000).toFixed(0)} s)`);
  const neighbourSize = Math.max(1, Math.floor(options.engagements / 50));
  const quiet = () => undefined;
  for (let i = 0; i < options.otherOrgs; i++) {
    await loadOrg(owner, { label: `other-${i}`, engagements: neighbourSize, agents: 20, now: options.now, log: quiet });
  }
  options.log(`  loaded ${options.otherOrgs} other organizations of ${neighbourSize} engagements (${((Date.now() - started) / 1000).toFixed(0)} s)`);
  await owner.unsafe(`set maintenance_work_mem = '512MB'`);
  for (const index of indexes) await owner.unsafe(index.definition);
  await owner.unsafe('vacuum analyze');
  options.log(`  rebuilt ${indexes.length} indexes and analyzed (${((Date.now() - started) / 1000).toFixed(0)} s)`);
  return main;
}

/**
 * Marks every day of every organization dirty (the load ran without triggers) and has the rollup job's
 * code rebuild them as the app role; then leaves the newest day dirty, as live traffic keeps today.
 */
export async function buildRollup(owner: postgres.Sql, app: Database, now: Date, log: (line: string) => void): Promise<void> {
  const started = Date.now();
  const orgs = await owner<Array<{ id: string }>>`select id from organizations`;
  for (const { id } of orgs) {
    await owner.begin(async (sql) => {
      await sql`select set_config('app.org_id', ${id}, true)`;
      await sql`insert into analytics_dirty_days (org_id, day)
        select distinct org_id, (activity_at at time zone 'UTC')::date from engagements where org_id = ${id}`;
    });
    await rebuildOrganizationRollup(app, id);
  }
  await owner.unsafe('vacuum analyze analytics_daily, analytics_monthly, analytics_daily_totals, analytics_daily_categories, analytics_daily_category_totals, analytics_dirty_days');
  log(`  built the analytics rollup (${((Date.now() - started) / 1000).toFixed(0)} s)`);
  await markTodayDirty(owner, now);
}

/** Today's day dirty in every organization, so each report also reads a day from the base tables. */
export async function markTodayDirty(owner: postgres.Sql, now: Date): Promise<void> {
  const orgs = await owner<Array<{ id: string }>>`select id from organizations`;
  for (const { id } of orgs) {
    await owner.begin(async (sql) => {
      await sql`select set_config('app.org_id', ${id}, true)`;
      await sql`insert into analytics_dirty_days (org_id, day) values (${id}, (${now.toISOString()}::timestamptz at time zone 'UTC')::date)`;
    });
  }
}
