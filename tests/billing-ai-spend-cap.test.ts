import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connect, disconnect, type Database } from '../db/client';
import { withOrg } from '../db/tenant';
import { engagementProcessHandler } from '../jobs/handlers/engagement-process';
import { estimateSummaryCostUsd, reserveAiSpend, settleAiSpend } from '../server/billing/ai-spend';
import { dailyAiSpendCap } from '../server/billing/plans';
import { fixedClock } from '../server/clock';
import { findOrCreateOrg } from '../server/orgs/organizations';
import { createOfflineSummarizer } from '../server/summaries/engine';
import type { HttpSession } from './helpers/app';
import { createTestDatabase, type TestDatabase } from './helpers/db';
import { signInWithZoom, startZoomTestApp, type ZoomTestApp } from './helpers/zoom-app';
import { startFakeOpenAi, type FakeOpenAi } from './fakes/openai';

/**
 * The daily AI spend cap: reserved atomically before every AI call, settled to the real cost after,
 * and a summary over the cap is not generated (marked "limit reached", admin notified).
 */

describe('the cap a plan gets', () => {
  it("is the plan's own cap under the deployment's, or the deployment's", () => {
    expect(dailyAiSpendCap('free', 25)).toBe(5);
    expect(dailyAiSpendCap('team', 25)).toBe(25);
    expect(dailyAiSpendCap('business', 40)).toBe(40);
    expect(dailyAiSpendCap('free', 1)).toBe(1);
  });

  it('estimates more for a longer call and nothing for a model that costs nothing', () => {
    const short = estimateSummaryCostUsd('gpt-4o-mini', 'Agent: hello\nCustomer: hi\n'.repeat(20));
    const long = estimateSummaryCostUsd('gpt-4o-mini', 'Agent: hello there, how can I help\n'.repeat(4000));
    expect(short).toBeGreaterThan(0);
    expect(long).toBeGreaterThan(short * 10);
    expect(estimateSummaryCostUsd('callrecap-offline-1', 'Agent: hello\n'.repeat(100))).toBe(0);
  });
});

describe('reservations under concurrency', () => {
  let database: TestDatabase;
  let db: Database;
  beforeAll(async () => {
    database = await createTestDatabase();
    db = connect(database.appUrl, { max: 20 });
  });
  afterAll(async () => {
    await disconnect(db);
    await database.drop();
  });

  it('50 jobs racing for a $1.00 day at $0.03 each: 33 reserved, never past the cap, settled to the real cost', async () => {
    const org = await findOrCreateOrg(db, { zoomAccountId: 'spend-account', name: 'Spend Org' });
    const day = '2026-11-29';
    const reserve = () => withOrg(db, org.id, (tx) => reserveAiSpend(tx, { orgId: org.id, day, amountUsd: 0.03, capUsd: 1 }));
    const spendRow = async () =>
      (await database.owner<{ spent: string; reserved: string }[]>`select spent_usd::text as spent, reserved_usd::text as reserved from ai_spend_days where org_id = ${org.id}`)[0]!;

    const first = await Promise.all(Array.from({ length: 50 }, reserve));
    expect(first.filter((r) => r.ok)).toHaveLength(33);
    expect(await spendRow()).toEqual({ spent: '0.000000', reserved: '0.990000' });
    const refused = first.find((r) => !r.ok);
    expect(refused).toMatchObject({ ok: false, capUsd: 1 });

    // Each call really cost $0.01: settling frees the rest of the estimate for the next jobs.
    await Promise.all(first.filter((r) => r.ok).map(() => withOrg(db, org.id, (tx) => settleAiSpend(tx, { orgId: org.id, day, reservedUsd: 0.03, actualUsd: 0.01 }))));
    expect(await spendRow()).toEqual({ spent: '0.330000', reserved: '0.000000' });

    const second = await Promise.all(Array.from({ length: 50 }, reserve));
    expect(second.filter((r) => r.ok)).toHaveLength(22); // 0.67 left: 22 × 0.03 = 0.66
    const row = await spendRow();
    expect(Number(row.spent) + Number(row.reserved)).toBeLessThanOrEqual(1);

    // Another day, another budget.
    expect(await withOrg(db, org.id, (tx) => reserveAiSpend(tx, { orgId: org.id, day: '2026-11-30', amountUsd: 0.03, capUsd: 1 }))).toEqual({ ok: true, reservedUsd: 0.03 });
  });
});

describe('summarizing with OpenAI against the cap', () => {
  const clock = fixedClock(new Date('2026-11-29T10:00:00Z'));
  const log = { info: () => undefined, warn: () => undefined } as never;
  const job = (id: string) => ({ id, signal: new AbortController().signal, log, isLastAttempt: false, retryCount: 0 });
  let openai: FakeOpenAi;
  let app: ZoomTestApp;
  let admin: HttpSession;
  let orgId: string;

  beforeAll(async () => {
    openai = await startFakeOpenAi();
    app = await startZoomTestApp({
      env: { OPENAI_API_KEY: openai.apiKey, OPENAI_BASE_URL: openai.url, OPENAI_MODEL: 'gpt-4o-mini', AI_SPEND_CAP_USD_PER_DAY: '1' },
      // Web only: the test runs the job handler itself, so nothing else summarizes in between.
      start: { role: 'web', clock },
    });
    admin = await signInWithZoom(app);
    orgId = (await app.database.owner`select id from organizations`)[0]!.id as string;
  }, 60_000);
  afterAll(async () => {
    await app?.close();
    await openai?.close();
  });

  async function summaryOf(zoomEngagementId: string) {
    const [row] = await app.database.owner`
      select s.status, s.status_reason, s.provider, s.cost_usd::text as cost, s.current_version
      from engagements e join summaries s on s.engagement_id = e.id where e.zoom_engagement_id = ${zoomEngagementId}`;
    return row!;
  }
  const spendToday = async () =>
    (await app.database.owner<{ spent: string; reserved: string; cap: string }[]>`
      select spent_usd::text as spent, reserved_usd::text as reserved, cap_usd::text as cap from ai_spend_days where org_id = ${orgId} and day = '2026-11-29'`)[0];
  const summariesUsed = async () => (await app.database.owner`select coalesce(sum(summaries_used), 0)::int as n from usage_periods where org_id = ${orgId}`)[0]!.n as number;

  it('settles the reservation to the cost OpenAI reported', async () => {
    const call = app.zoom.addCall({ scenario: 'billing' });
    await engagementProcessHandler(app.running.services)({ orgId, zoomEngagementId: call.engagement.id }, job('j1'));
    const summary = await summaryOf(call.engagement.id);
    expect(summary).toMatchObject({ status: 'ready', provider: 'openai', current_version: 1 });
    expect(Number(summary.cost)).toBeGreaterThan(0);
    expect(openai.callCount).toBeGreaterThan(0);
    expect(await spendToday()).toEqual({ spent: summary.cost, reserved: '0.000000', cap: '1.000000' });
  });

  it('over the cap: no AI call, marked limit reached with the reason, not counted, the admin notified', async () => {
    // Today's spend a hair under the cap: no summary fits.
    await app.database.owner`update ai_spend_days set spent_usd = cap_usd - 0.000001 where org_id = ${orgId}`;
    const requestsBefore = openai.callCount;
    const usedBefore = await summariesUsed();
    const call = app.zoom.addCall({ scenario: 'cancellation' });
    await engagementProcessHandler(app.running.services)({ orgId, zoomEngagementId: call.engagement.id }, job('j2'));

    const summary = await summaryOf(call.engagement.id);
    expect(summary).toMatchObject({ status: 'limit_reached', current_version: 0 });
    expect(summary.status_reason).toMatch(/daily AI spend cap \(\$1\.00 a day\)/);
    expect(openai.callCount).toBe(requestsBefore);
    expect(await summariesUsed()).toBe(usedBefore);
    expect((await spendToday())!.reserved).toBe('0.000000');

    const response = await admin.get('/api/notifications');
    const { items } = (await response.json()) as { items: Array<{ kind: string; message: string }> };
    expect(items.filter((item) => item.kind === 'ai_spend_cap_reached')).toHaveLength(1);
    expect(items.find((item) => item.kind === 'ai_spend_cap_reached')!.message).toMatch(/\$1\.00 a day/);

    // A second capped call the same day does not notify twice.
    const another = app.zoom.addCall({ scenario: 'sales' });
    await engagementProcessHandler(app.running.services)({ orgId, zoomEngagementId: another.engagement.id }, job('j3'));
    expect((await summaryOf(another.engagement.id)).status).toBe('limit_reached');
    const [notices] = await app.database.owner`select count(*)::int as n from notifications where org_id = ${orgId} and kind = 'ai_spend_cap_reached'`;
    expect(notices!.n).toBe(1);
  });

  it('never caps the offline summarizer, which costs nothing', async () => {
    const offline = { ...app.running.services, summarizer: createOfflineSummarizer() };
    const call = app.zoom.addCall({ scenario: 'tech_support' });
    const before = await spendToday();
    await engagementProcessHandler(offline)({ orgId, zoomEngagementId: call.engagement.id }, job('j4'));
    expect(await summaryOf(call.engagement.id)).toMatchObject({ status: 'ready', provider: 'local', cost: '0.000000' });
    expect(await spendToday()).toEqual(before);
  });

  it('summarizes again on the next UTC day', async () => {
    const call = app.zoom.addCall({ scenario: 'billing' });
    clock.advance(24 * 3600_000);
    await engagementProcessHandler(app.running.services)({ orgId, zoomEngagementId: call.engagement.id }, job('j5'));
    expect(await summaryOf(call.engagement.id)).toMatchObject({ status: 'ready', provider: 'openai' });
    const [nextDay] = await app.database.owner`select reserved_usd::text as reserved, spent_usd > 0 as spent from ai_spend_days where org_id = ${orgId} and day = '2026-11-30'`;
    expect(nextDay).toEqual({ reserved: '0.000000', spent: true });
  });
});
