import { randomUUID } from 'node:crypto';
import { sql } from 'drizzle-orm';
import type postgres from 'postgres';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { withOrg, withOrgPair } from '../db/tenant';
import type { Period } from '../server/analytics/period';
import { analyticsReport, analyticsReportFromBaseTables } from '../server/analytics/queries';
import { rebuildOrganizationRollup } from '../server/analytics/rollup';
import { createTestDatabase, type TestDatabase } from './helpers/db';
import { createOrgWithUsers } from './helpers/org-fixtures';

/**
 * The report served from the daily rollup equals the report computed from the base tables, for any
 * window and narrowing; every write that changes a day's numbers marks that day dirty, and a dirty day
 * is read from the base tables until the rollup is rebuilt.
 */

let database: TestDatabase;
let orgId: string;
let otherOrgId: string;
let agents: string[];
const QUEUES = ['q-billing', 'q-support', 'q-sales', null] as const;
const CATEGORIES = ['Billing', 'Technical Support', 'Sales', null] as const;
const FIRST_DAY = Date.parse('2026-03-01T00:00:00Z');
const DAY_MS = 86_400_000;
const HOUR_MS = 3_600_000;

/** Deterministic pseudo-random numbers, so a failure can be reproduced. */
function generator(seed: number): () => number {
  let state = seed;
  return () => {
    state = (state * 1_103_515_245 + 12_345) % 2_147_483_648;
    return state / 2_147_483_648;
  };
}

/**
 * `count` engagements over ten days of March 2026, some a minute either side of midnight UTC, with
 * every state the report distinguishes: no agent or queue, in progress, no summary, each summary
 * status, approvals with edits, CRM attempts in one or two CRMs that failed, retried or succeeded.
 */
async function insertVariedEngagements(owner: postgres.Sql, org: string, agentIds: string[], count: number, seed: number, span = { first: FIRST_DAY, days: 10 }): Promise<void> {
  const random = generator(seed);
  const pick = <T>(values: readonly T[]): T => values[Math.floor(random() * values.length)]!;
  for (let i = 0; i < count; i++) {
    const id = randomUUID();
    const day = Math.floor(random() * span.days);
    const offset = i % 9 === 0 ? DAY_MS - 60_000 : i % 9 === 1 ? 60_000 : Math.floor(random() * DAY_MS);
    const endedAt = span.first + day * DAY_MS + offset;
    const inProgress = random() < 0.05;
    const queue = pick(QUEUES);
    const duration = random() < 0.1 ? null : 30 + Math.floor(random() * 900);
    await owner`insert into engagements (id, org_id, zoom_engagement_id, agent_user_id, queue_id, queue_name, started_at, ended_at, duration_seconds, activity_at, status)
      values (${id}, ${org}, ${'z-' + id}, ${random() < 0.1 ? null : pick(agentIds)}, ${queue}, ${queue ? 'Queue ' + queue.slice(2) : null},
              ${new Date(endedAt - 600_000).toISOString()}, ${inProgress ? null : new Date(endedAt).toISOString()}, ${inProgress ? null : duration},
              ${new Date(endedAt).toISOString()}, ${inProgress ? 'in_progress' : 'ended'})`;
    if (inProgress || random() < 0.08) continue;
    const status = pick(['ready', 'ready', 'ready', 'ready', 'failed', 'pending', 'no_transcript'] as const);
    const ready = status === 'ready';
    const approved = ready && random() < 0.7;
    const score = Math.round((random() * 2 - 1) * 1000) / 1000;
    await owner`insert into summaries (org_id, engagement_id, status, current_version, sentiment_label, sentiment_score, outcome_status, category, edit_ratio, approved_at)
      values (${org}, ${id}, ${status}, ${ready ? 1 : 0},
              ${ready ? (score > 0.25 ? 'positive' : score < -0.25 ? 'negative' : 'neutral') : null}, ${ready ? score : null},
              ${ready ? pick(['resolved', 'unresolved', 'follow_up']) : null}, ${ready ? pick(CATEGORIES) : null},
              ${approved ? Math.round(random() * 1000) / 1000 : 0},
              ${approved ? new Date(endedAt + (random() < 0.05 ? -5_000 : Math.floor(random() * 2 * DAY_MS))).toISOString() : null})`;
    if (!approved) continue;
    for (const kind of random() < 0.3 ? (['hubspot', 'salesforce'] as const) : (['hubspot'] as const)) {
      const attempts = 1 + Math.floor(random() * 3);
      for (let a = 0; a < attempts; a++) {
        await owner`insert into crm_sync_attempts (org_id, engagement_id, crm_kind, result, started_at)
          values (${org}, ${id}, ${kind}, ${pick(['created', 'updated', 'failed', 'retrying'])}, ${new Date(endedAt + (a + 1) * HOUR_MS).toISOString()})`;
      }
    }
  }
}

const at = (iso: string) => new Date(iso);
const PERIODS: Array<[string, Period]> = [
  ['all ten days', { from: at('2026-03-01T00:00:00Z'), to: at('2026-03-11T00:00:00Z') }],
  ['three whole days', { from: at('2026-03-03T00:00:00Z'), to: at('2026-03-06T00:00:00Z') }],
  ['one day', { from: at('2026-03-05T00:00:00Z'), to: at('2026-03-06T00:00:00Z') }],
  ['partial first and last days', { from: at('2026-03-02T13:30:00Z'), to: at('2026-03-07T09:15:00Z') }],
  ['inside one day', { from: at('2026-03-04T06:00:00Z'), to: at('2026-03-04T18:00:00Z') }],
  ['a wider window than the data', { from: at('2026-02-20T00:00:00Z'), to: at('2026-03-20T00:00:00Z') }],
  ['no data', { from: at('2026-04-01T00:00:00Z'), to: at('2026-04-08T00:00:00Z') }],
  // Whole months come from analytics_monthly, the days around them from analytics_daily.
  ['all of February', { from: at('2026-02-01T00:00:00Z'), to: at('2026-03-01T00:00:00Z') }],
  ['February and days either side', { from: at('2026-01-27T00:00:00Z'), to: at('2026-03-04T00:00:00Z') }],
  ['January to March, partial ends', { from: at('2026-01-01T08:00:00Z'), to: at('2026-03-31T20:00:00Z') }],
];

async function served(period: Period) {
  return withOrgPair(database.db, orgId, (first, second) => analyticsReport(first, second, orgId, period));
}
async function fromBaseTables(period: Period) {
  return withOrg(database.db, orgId, (tx) => analyticsReportFromBaseTables(tx, orgId, period));
}
async function dirtyDays(org = orgId): Promise<string[]> {
  const rows = await database.owner<Array<{ day: string }>>`select distinct day::text as day from analytics_dirty_days where org_id = ${org} order by 1`;
  return rows.map((row) => row.day);
}
async function expectServedEqualsBaseTables(periods = PERIODS): Promise<void> {
  for (const [name, period] of periods) {
    for (const narrowing of [{}, { agentId: agents[0] }, { queueId: 'q-support' }, { agentId: agents[1], queueId: 'q-billing' }]) {
      const p = { ...period, ...narrowing };
      expect({ name, narrowing, report: await served(p) }).toEqual({ name, narrowing, report: await fromBaseTables(p) });
    }
  }
}

beforeAll(async () => {
  database = await createTestDatabase();
  const org = await createOrgWithUsers(database.owner, 'rollup', [
    { name: 'Ann', role: 'agent' },
    { name: 'Bob', role: 'agent' },
    { name: 'Cy', role: 'agent' },
    { name: 'Sue', role: 'supervisor' },
  ]);
  orgId = org.orgId;
  agents = [org.users.Ann!.id, org.users.Bob!.id, org.users.Cy!.id];
  await insertVariedEngagements(database.owner, orgId, agents, 400, 7);
  // Five weeks either side of February, so whole months are served too.
  await insertVariedEngagements(database.owner, orgId, agents, 250, 5, { first: Date.parse('2026-01-20T00:00:00Z'), days: 45 });
  const other = await createOrgWithUsers(database.owner, 'neighbour', [{ name: 'Zed', role: 'agent' }]);
  otherOrgId = other.orgId;
  await insertVariedEngagements(database.owner, otherOrgId, [other.users.Zed!.id], 120, 11);
});
afterAll(() => database.drop());

describe('the rollup-backed report', () => {
  /** The UTC days the organization has engagements on: each was marked dirty by its writes. */
  async function daysWithEngagements(org: string): Promise<number> {
    const [row] = await database.owner<Array<{ n: number }>>`
      select count(distinct (activity_at at time zone 'UTC')::date)::int as n from engagements where org_id = ${org}`;
    return row!.n;
  }

  it('before any rebuild, reads every dirty day from the base tables and matches them', async () => {
    expect((await dirtyDays()).length).toBe(await daysWithEngagements(orgId));
    await expectServedEqualsBaseTables();
  });

  it('after a rebuild, serves from the rollup and still matches the base tables for every window and narrowing', async () => {
    expect(await rebuildOrganizationRollup(database.db, orgId)).toBe(await daysWithEngagements(orgId));
    expect(await dirtyDays()).toEqual([]);
    // The neighbour's days are its own: still dirty, and none of its rows are in this organization's rollup.
    expect((await dirtyDays(otherOrgId)).length).toBe(10);
    const [rollup] = await database.owner`select count(*)::int as n, count(*) filter (where org_id <> ${orgId})::int as foreign from analytics_daily`;
    expect(rollup).toEqual({ n: expect.any(Number), foreign: 0 });
    expect(rollup!.n).toBeGreaterThan(30);
    await expectServedEqualsBaseTables();
    const all = await served(PERIODS[0]![1]);
    expect(all.totals.engagements).toBeGreaterThan(300);
    expect(all.totals.medianSecondsToApproval).not.toBeNull();
    expect(all.categories.length).toBe(3);
  });

  it('really reads the rollup for clean days, and the base tables for a dirty one', async () => {
    const day = { from: at('2026-03-05T00:00:00Z'), to: at('2026-03-06T00:00:00Z') };
    const truth = await fromBaseTables(day);
    // Tamper with the rollup behind the triggers' back (the owner writing the rollup marks nothing).
    await database.owner`update analytics_daily set engagements = engagements + 1000
      where ctid = (select ctid from analytics_daily where org_id = ${orgId} and day = '2026-03-05' limit 1)`;
    expect((await served(day)).totals.engagements).toBe(truth.totals.engagements + 1000);
    await database.owner`insert into analytics_dirty_days (org_id, day) values (${orgId}, '2026-03-05')`;
    expect(await served(day)).toEqual(truth);
    await rebuildOrganizationRollup(database.db, orgId);
    expect(await served(day)).toEqual(truth);
  });

  it('really reads analytics_monthly for a whole month, and its days again once one of them is dirty', async () => {
    const february = { from: at('2026-02-01T00:00:00Z'), to: at('2026-03-01T00:00:00Z') };
    const truth = await fromBaseTables(february);
    expect(truth.totals.engagements).toBeGreaterThan(0);
    await database.owner`update analytics_monthly set engagements = engagements + 1000
      where ctid = (select ctid from analytics_monthly where org_id = ${orgId} and month = '2026-02-01' limit 1)`;
    expect((await served(february)).totals.engagements).toBe(truth.totals.engagements + 1000);
    // Narrowed reports read days (their trend needs them), never the month.
    expect(await served({ ...february, agentId: agents[0] })).toEqual(await fromBaseTables({ ...february, agentId: agents[0] }));
    await database.owner`insert into analytics_dirty_days (org_id, day) values (${orgId}, '2026-02-11')`;
    expect(await served(february)).toEqual(truth);
    await rebuildOrganizationRollup(database.db, orgId);
    expect(await served(february)).toEqual(truth);
  });
});

describe('writes after the rollup', () => {
  /** A summary of a ready, not yet approved engagement on `day`, with the day of its engagement. */
  async function unapprovedSummaryOn(day: string): Promise<{ summaryId: string; engagementId: string }> {
    const [row] = await database.owner<Array<{ summaryId: string; engagementId: string }>>`
      select s.id as "summaryId", s.engagement_id as "engagementId" from summaries s join engagements e on e.id = s.engagement_id
      where s.org_id = ${orgId} and s.status = 'ready' and s.approved_at is null and e.status = 'ended'
        and (e.activity_at at time zone 'UTC')::date = ${day}::date
      order by s.id limit 1`;
    return row!;
  }

  it('an approval with an edit marks its engagement day dirty, and the report shows it at once', async () => {
    await rebuildOrganizationRollup(database.db, orgId);
    const day = { from: at('2026-03-04T00:00:00Z'), to: at('2026-03-05T00:00:00Z') };
    const before = await served(day);
    const { summaryId } = await unapprovedSummaryOn('2026-03-04');
    await withOrg(database.db, orgId, (tx) =>
      tx.execute(sql`update summaries set approved_at = ended.ended_at + interval '90 seconds', edit_ratio = 0.4
        from (select e.ended_at from engagements e join summaries s on s.engagement_id = e.id where s.id = ${summaryId}) ended
        where summaries.id = ${summaryId}`),
    );
    expect(await dirtyDays()).toEqual(['2026-03-04']);
    const after = await served(day);
    expect(after).toEqual(await fromBaseTables(day));
    expect(after.totals.approvalRate).not.toEqual(before.totals.approvalRate);
    await rebuildOrganizationRollup(database.db, orgId);
    expect(await dirtyDays()).toEqual([]);
    expect(await served(day)).toEqual(after);
  });

  it('a CRM attempt marks its engagement day dirty and the sync rate follows', async () => {
    // An engagement whose last word from HubSpot was a success and from no CRM a failure (with one CRM
    // already failed, a new HubSpot failure would not change its outcome); a newer failure makes it one.
    const [engagement] = await database.owner<Array<{ id: string }>>`
      select e.id from engagements e
      where e.org_id = ${orgId} and e.status = 'ended' and (e.activity_at at time zone 'UTC')::date = '2026-03-06'
        and (select a.result from crm_sync_attempts a where a.engagement_id = e.id and a.crm_kind = 'hubspot' and a.result <> 'retrying'
             order by a.started_at desc limit 1) in ('created', 'updated')
        and not exists (
          select 1 from (select distinct on (a.crm_kind) a.result from crm_sync_attempts a
                         where a.engagement_id = e.id and a.result <> 'retrying' order by a.crm_kind, a.started_at desc) latest
          where latest.result = 'failed')
      order by e.id limit 1`;
    expect(engagement, 'the fixture has a fully synced engagement on 2026-03-06').toBeDefined();
    const day = { from: at('2026-03-06T00:00:00Z'), to: at('2026-03-07T00:00:00Z') };
    const before = await served(day);
    await withOrg(database.db, orgId, (tx) =>
      tx.execute(sql`insert into crm_sync_attempts (org_id, engagement_id, crm_kind, result) values (${orgId}, ${engagement!.id}, 'hubspot', 'failed')`),
    );
    expect(await dirtyDays()).toEqual(['2026-03-06']);
    const after = await served(day);
    expect(after).toEqual(await fromBaseTables(day));
    expect(after.totals.crmSyncSuccessRate).not.toEqual(before.totals.crmSyncSuccessRate);
    await rebuildOrganizationRollup(database.db, orgId);
    expect(await served(day)).toEqual(after);
  });

  it('moving an engagement to another day marks both days; deleting one marks its day', async () => {
    const [engagement] = await database.owner<Array<{ id: string }>>`
      select id from engagements where org_id = ${orgId} and status = 'ended' and (activity_at at time zone 'UTC')::date = '2026-03-02' limit 1`;
    await withOrg(database.db, orgId, (tx) =>
      tx.execute(sql`update engagements set activity_at = activity_at + interval '3 days', ended_at = ended_at + interval '3 days' where id = ${engagement!.id}`),
    );
    expect(await dirtyDays()).toEqual(['2026-03-02', '2026-03-05']);
    await expectServedEqualsBaseTables(PERIODS.slice(0, 4));
    await rebuildOrganizationRollup(database.db, orgId);
    await withOrg(database.db, orgId, (tx) => tx.execute(sql`delete from engagements where id = ${engagement!.id}`));
    expect(await dirtyDays()).toEqual(['2026-03-05']);
    await rebuildOrganizationRollup(database.db, orgId);
    await expectServedEqualsBaseTables();
  });

  it('a write that does not change the numbers marks nothing', async () => {
    await withOrg(database.db, orgId, (tx) => tx.execute(sql`update engagements set transcript_status = 'processed', updated_at = now() where org_id = ${orgId}`));
    await withOrg(database.db, orgId, (tx) => tx.execute(sql`update summaries set crm_sync_state = crm_sync_state, updated_at = now() where org_id = ${orgId}`));
    expect(await dirtyDays()).toEqual([]);
  });

  it('a write still in flight while the rollup is rebuilt keeps its mark, so the next read and rebuild include it', async () => {
    const { summaryId } = await unapprovedSummaryOn('2026-03-08');
    const day = { from: at('2026-03-08T00:00:00Z'), to: at('2026-03-09T00:00:00Z') };
    // A second dirty day that the rebuild may claim, committed before it starts.
    await withOrg(database.db, orgId, (tx) => tx.execute(sql`update summaries set category = 'Sales' where org_id = ${orgId} and category = 'Billing'
      and engagement_id in (select id from engagements where (activity_at at time zone 'UTC')::date = '2026-03-09')`));
    let release!: () => void;
    const released = new Promise<void>((resolve) => (release = resolve));
    let written!: () => void;
    const inFlightWritten = new Promise<void>((resolve) => (written = resolve));
    const inFlight = withOrg(database.db, orgId, async (tx) => {
      await tx.execute(sql`update summaries set status = 'failed' where id = ${summaryId}`);
      written();
      await released;
    });
    await inFlightWritten;
    // The rebuild claims the committed mark (03-09), cannot see the in-flight one (03-08), and finishes.
    await rebuildOrganizationRollup(database.db, orgId);
    release();
    await inFlight;
    expect(await dirtyDays()).toEqual(['2026-03-08']);
    expect(await served(day)).toEqual(await fromBaseTables(day));
    await rebuildOrganizationRollup(database.db, orgId);
    await expectServedEqualsBaseTables();
  });
});
