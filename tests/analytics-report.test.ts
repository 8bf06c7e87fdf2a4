import { randomUUID } from 'node:crypto';
import type postgres from 'postgres';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AnalyticsReport, PerformanceRow } from '../server/contract/api';
import { analyticsRoutes } from '../server/analytics/routes';
import { HttpSession, startTestApp, type TestApp } from './helpers/app';
import { createOrgWithUsers, type FixtureUser } from './helpers/org-fixtures';

/**
 * A hand-computed dataset: two agents, two queues, two days (2026-03-01 and 03-02 UTC).
 * The expected numbers below are worked out from the rows in the comments, not from the code.
 */
let app: TestApp;
let people: Record<string, FixtureUser>;
let outsider: FixtureUser;

interface EngagementFixture {
  agent: string | null;
  queue: 'q-billing' | 'q-support' | null;
  endedAt: string;
  duration: number;
  status?: 'ended' | 'in_progress';
  summary?: {
    status: string;
    sentiment?: [string, number];
    outcome?: string;
    category?: string;
    approvedAfterSeconds?: number;
    editRatio?: number;
  };
  crm?: Array<{ kind: 'hubspot' | 'salesforce'; result: string; minutesAfter: number }>;
}

async function insertEngagement(owner: postgres.Sql, orgId: string, agentId: string | null, e: EngagementFixture): Promise<void> {
  const id = randomUUID();
  const ended = new Date(e.endedAt);
  const queueName = e.queue === 'q-billing' ? 'Billing' : e.queue === 'q-support' ? 'Support' : null;
  await owner`insert into engagements (id, org_id, zoom_engagement_id, agent_user_id, queue_id, queue_name, started_at, ended_at, duration_seconds, activity_at, status)
    values (${id}, ${orgId}, ${'z-' + id}, ${agentId}, ${e.queue}, ${queueName}, ${new Date(ended.getTime() - e.duration * 1000)},
            ${e.status === 'in_progress' ? null : ended}, ${e.duration}, ${ended}, ${e.status ?? 'ended'})`;
  if (e.summary) {
    const s = e.summary;
    const approvedAt = s.approvedAfterSeconds === undefined ? null : new Date(ended.getTime() + s.approvedAfterSeconds * 1000);
    await owner`insert into summaries (org_id, engagement_id, status, current_version, sentiment_label, sentiment_score, outcome_status, category, edit_ratio, approved_at)
      values (${orgId}, ${id}, ${s.status}, 1, ${s.sentiment?.[0] ?? null}, ${s.sentiment?.[1] ?? null}, ${s.outcome ?? null}, ${s.category ?? null}, ${s.editRatio ?? 0}, ${approvedAt})`;
  }
  for (const attempt of e.crm ?? []) {
    await owner`insert into crm_sync_attempts (org_id, engagement_id, crm_kind, result, started_at)
      values (${orgId}, ${id}, ${attempt.kind}, ${attempt.result}, ${new Date(ended.getTime() + attempt.minutesAfter * 60_000)})`;
  }
}

const DATASET: EngagementFixture[] = [
  // 1. Ann, billing, day 1: positive 0.8, resolved, approved after 60 s, edit 0.2; CRM failed then created: success.
  {
    agent: 'Ann',
    queue: 'q-billing',
    endedAt: '2026-03-01T10:00:00Z',
    duration: 100,
    summary: { status: 'ready', sentiment: ['positive', 0.8], outcome: 'resolved', category: 'Billing', approvedAfterSeconds: 60, editRatio: 0.2 },
    crm: [
      { kind: 'hubspot', result: 'failed', minutesAfter: 2 },
      { kind: 'hubspot', result: 'created', minutesAfter: 5 },
    ],
  },
  // 2. Ann, support, day 1: negative -0.6, unresolved, approved after 180 s, edit 0; CRM created then failed: failure.
  {
    agent: 'Ann',
    queue: 'q-support',
    endedAt: '2026-03-01T12:00:00Z',
    duration: 300,
    summary: { status: 'ready', sentiment: ['negative', -0.6], outcome: 'unresolved', category: 'Support', approvedAfterSeconds: 180, editRatio: 0 },
    crm: [
      { kind: 'hubspot', result: 'created', minutesAfter: 4 },
      { kind: 'hubspot', result: 'failed', minutesAfter: 9 },
    ],
  },
  // 3. Bob, billing, day 2: neutral 0.0, follow-up, not approved.
  {
    agent: 'Bob',
    queue: 'q-billing',
    endedAt: '2026-03-02T09:00:00Z',
    duration: 200,
    summary: { status: 'ready', sentiment: ['neutral', 0], outcome: 'follow_up', category: 'Billing' },
  },
  // 4. Bob, billing, day 2: positive 0.4, resolved, approved after 600 s, edit 0.5; both CRMs succeed, a later retry is not final.
  {
    agent: 'Bob',
    queue: 'q-billing',
    endedAt: '2026-03-02T15:00:00Z',
    duration: 400,
    summary: { status: 'ready', sentiment: ['positive', 0.4], outcome: 'resolved', category: 'Billing', approvedAfterSeconds: 600, editRatio: 0.5 },
    crm: [
      { kind: 'hubspot', result: 'created', minutesAfter: 11 },
      { kind: 'salesforce', result: 'updated', minutesAfter: 12 },
      { kind: 'salesforce', result: 'retrying', minutesAfter: 30 },
    ],
  },
  // 5. Bob, support, day 2: the summary failed (no sentiment, not ready).
  { agent: 'Bob', queue: 'q-support', endedAt: '2026-03-02T20:00:00Z', duration: 500, summary: { status: 'failed' } },
  // 6. No agent, no queue, day 1: no summary yet.
  { agent: null, queue: null, endedAt: '2026-03-01T08:00:00Z', duration: 60 },
  // Outside the window: ends exactly at "to" (half-open), and one still in progress.
  { agent: 'Ann', queue: 'q-billing', endedAt: '2026-03-03T00:00:00Z', duration: 1000, summary: { status: 'ready', sentiment: ['negative', -1] } },
  { agent: 'Ann', queue: 'q-billing', endedAt: '2026-03-01T11:00:00Z', duration: 50, status: 'in_progress' },
];

const WINDOW = 'from=2026-03-01T00:00:00Z&to=2026-03-03T00:00:00Z';

beforeAll(async () => {
  app = await startTestApp({ start: { app: { api: [analyticsRoutes] } } });
  const org = await createOrgWithUsers(app.database.owner, 'a', [
    { name: 'Ann', role: 'agent' },
    { name: 'Bob', role: 'agent' },
    { name: 'Sue', role: 'supervisor' },
    { name: 'Ada', role: 'admin' },
  ]);
  people = org.users;
  for (const e of DATASET) await insertEngagement(app.database.owner, org.orgId, e.agent ? people[e.agent]!.id : null, e);
  const other = await createOrgWithUsers(app.database.owner, 'b', [{ name: 'Oz', role: 'supervisor' }]);
  outsider = other.users.Oz!;
  // The other organization's engagement in the same window and queue must not count.
  await insertEngagement(app.database.owner, other.orgId, outsider.id, {
    agent: 'Oz',
    queue: 'q-billing',
    endedAt: '2026-03-01T10:00:00Z',
    duration: 9999,
    summary: { status: 'ready', sentiment: ['negative', -1], outcome: 'unresolved', category: 'Billing', approvedAfterSeconds: 1 },
  });
});
afterAll(() => app.close());

async function report(user: FixtureUser, query = WINDOW): Promise<AnalyticsReport> {
  const session = await HttpSession.signedIn(app, user);
  const response = await session.get(`/api/analytics?${query}`);
  expect(response.status).toBe(200);
  return (await response.json()) as AnalyticsReport;
}

const row = (rows: PerformanceRow[], id: string) => rows.find((r) => r.id === id)!;

describe('the analytics report', () => {
  it('computes the totals from the hand-worked dataset', async () => {
    const { totals, period } = await report(people.Sue!);
    expect(period).toEqual({ from: '2026-03-01T00:00:00.000Z', to: '2026-03-03T00:00:00.000Z' });
    // Engagements 1-6: durations 100, 300, 200, 400, 500, 60.
    expect(totals.engagements).toBe(6);
    expect(totals.averageHandleSeconds).toBe(260);
    expect(totals.sentiment).toEqual({ positive: 2, neutral: 1, negative: 1 });
    expect(totals.outcomes).toEqual({ resolved: 2, unresolved: 1, follow_up: 1 });
    // Ready: 1, 2, 3, 4; approved: 1, 2, 4.
    expect(totals.approvalRate).toBe(0.75);
    // Mean edit ratio of approved summaries: (0.2 + 0 + 0.5) / 3.
    expect(totals.editRate).toBeCloseTo(0.2333, 4);
    // Seconds to approval 60, 180, 600.
    expect(totals.medianSecondsToApproval).toBe(180);
    // Final CRM states: 1 success, 2 failure, 4 success in both CRMs.
    expect(totals.crmSyncSuccessRate).toBeCloseTo(0.6667, 4);
  });

  it('breaks the numbers down per agent, with unassigned engagements in their own row', async () => {
    const { byAgent } = await report(people.Ada!);
    expect(byAgent.map((r) => r.name)).toEqual(['Bob', 'Ann', 'No agent']);
    const ann = row(byAgent, people.Ann!.id);
    expect(ann).toMatchObject({ engagements: 2, averageHandleSeconds: 200, approvalRate: 1, editRate: 0.1, medianSecondsToApproval: 120, crmSyncSuccessRate: 0.5 });
    expect(ann.sentiment).toEqual({ positive: 1, neutral: 0, negative: 1 });
    const bob = row(byAgent, people.Bob!.id);
    expect(bob).toMatchObject({ engagements: 3, averageHandleSeconds: 366.7, approvalRate: 0.5, editRate: 0.5, medianSecondsToApproval: 600, crmSyncSuccessRate: 1 });
    expect(bob.outcomes).toEqual({ resolved: 1, unresolved: 0, follow_up: 1 });
    expect(row(byAgent, 'unassigned')).toMatchObject({ engagements: 1, averageHandleSeconds: 60, approvalRate: null, editRate: null, medianSecondsToApproval: null, crmSyncSuccessRate: null });
  });

  it('breaks the numbers down per queue', async () => {
    const { byQueue } = await report(people.Sue!);
    const billing = row(byQueue, 'q-billing');
    // Engagements 1, 3, 4.
    expect(billing).toMatchObject({ name: 'Billing', engagements: 3, averageHandleSeconds: 233.3, approvalRate: 0.6667, editRate: 0.35, medianSecondsToApproval: 330, crmSyncSuccessRate: 1 });
    expect(billing.sentiment).toEqual({ positive: 2, neutral: 1, negative: 0 });
    // Engagements 2, 5.
    expect(row(byQueue, 'q-support')).toMatchObject({ name: 'Support', engagements: 2, averageHandleSeconds: 400, approvalRate: 1, editRate: 0, medianSecondsToApproval: 180, crmSyncSuccessRate: 0 });
    expect(row(byQueue, 'unassigned').engagements).toBe(1);
  });

  it('has a point for every UTC day and the category mix', async () => {
    const { trend, categories } = await report(people.Sue!);
    expect(trend).toEqual([
      { day: '2026-03-01', engagements: 3, positive: 1, neutral: 0, negative: 1, averageSentiment: 0.1 },
      { day: '2026-03-02', engagements: 3, positive: 1, neutral: 1, negative: 0, averageSentiment: 0.2 },
    ]);
    expect(categories).toEqual([
      { category: 'Billing', engagements: 3 },
      { category: 'Support', engagements: 1 },
    ]);
    const wider = await report(people.Sue!, 'from=2026-02-28T12:00:00Z&to=2026-03-04T00:00:00Z');
    expect(wider.trend.map((p) => p.day)).toEqual(['2026-02-28', '2026-03-01', '2026-03-02', '2026-03-03']);
    expect(wider.trend[0]).toEqual({ day: '2026-02-28', engagements: 0, positive: 0, neutral: 0, negative: 0, averageSentiment: null });
    expect(wider.trend[3]!.engagements).toBe(1);
  });

  it('narrows to one agent or one queue', async () => {
    const bobOnly = await report(people.Sue!, `${WINDOW}&agentId=${people.Bob!.id}`);
    expect(bobOnly.totals.engagements).toBe(3);
    expect(bobOnly.byAgent.map((r) => r.id)).toEqual([people.Bob!.id]);
    expect(bobOnly.categories).toEqual([{ category: 'Billing', engagements: 2 }]);
    const support = await report(people.Sue!, `${WINDOW}&queueId=q-support`);
    expect(support.totals).toMatchObject({ engagements: 2, averageHandleSeconds: 400 });
    expect(support.byQueue.map((r) => r.id)).toEqual(['q-support']);
  });

  it('returns an empty report (zeros and nulls) for a window without engagements', async () => {
    const empty = await report(people.Sue!, 'from=2025-01-01T00:00:00Z&to=2025-01-02T00:00:00Z');
    expect(empty.totals).toMatchObject({ engagements: 0, averageHandleSeconds: null, approvalRate: null, medianSecondsToApproval: null });
    expect(empty.byAgent).toEqual([]);
    expect(empty.trend).toHaveLength(1);
  });
});

describe('who may see analytics, and bad input', () => {
  it('is for supervisors and admins: agents get 403, strangers 401', async () => {
    const agent = await HttpSession.signedIn(app, people.Ann!);
    const refused = await agent.get(`/api/analytics?${WINDOW}`);
    expect(refused.status).toBe(403);
    expect(((await refused.json()) as { error: { code: string } }).error.code).toBe('forbidden');
    expect((await agent.get(`/api/analytics.csv?report=agents&${WINDOW}`)).status).toBe(403);
    expect((await new HttpSession(app.url).get(`/api/analytics?${WINDOW}`)).status).toBe(401);
  });

  it("answers 404 for another organization's agent id", async () => {
    const session = await HttpSession.signedIn(app, people.Sue!);
    const response = await session.get(`/api/analytics?${WINDOW}&agentId=${outsider.id}`);
    expect(response.status).toBe(404);
  });

  it.each([
    ['no window at all', ''],
    ['"to" before "from"', 'from=2026-03-02T00:00:00Z&to=2026-03-01T00:00:00Z'],
    ['a window over a year long', 'from=2024-01-01T00:00:00Z&to=2026-01-01T00:00:00Z'],
    ['a date that is not ISO 8601', 'from=yesterday&to=2026-03-01T00:00:00Z'],
    ['an agent id that is not a uuid', `${WINDOW}&agentId=bob`],
    ['a repeated parameter', `${WINDOW}&from=2026-03-01T00:00:00Z`],
  ])('answers 400 with a reason for %s', async (_label, query) => {
    const session = await HttpSession.signedIn(app, people.Sue!);
    const response = await session.get(`/api/analytics?${query}`);
    expect(response.status).toBe(400);
    const body = (await response.json()) as { error: { code: string; message: string } };
    expect(body.error.code).toBe('invalid_input');
    expect(body.error.message.length).toBeGreaterThan(20);
  });
});
