import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { withOrg } from '../db/tenant';
import { reserveSummary } from '../server/billing/usage';
import { findOrCreateOrg } from '../server/orgs/organizations';
import { connect, disconnect, type Database } from '../db/client';
import { createTestDatabase, type TestDatabase } from './helpers/db';

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

describe('usage limits hold under concurrency', () => {
  it('70 summarize jobs racing for a 50-summary limit: exactly 50 are counted, never more', async () => {
    const org = await findOrCreateOrg(db, { zoomAccountId: 'limit-account', name: 'Limit Org' });
    const engagementIds = await database.owner<{ id: string }[]>`
      insert into engagements (org_id, zoom_engagement_id) select ${org.id}, 'eng-' || g from generate_series(1, 70) g returning id`;
    await database.owner`insert into summaries (org_id, engagement_id, status) select ${org.id}, id, 'summarizing' from engagements`;
    const results = await Promise.all(
      engagementIds.map(({ id }) => withOrg(db, org.id, (tx) => reserveSummary(tx, { orgId: org.id, engagementId: id, periodStart: '2026-11-01', limit: 50 }))),
    );
    expect(results.filter((r) => r.ok)).toHaveLength(50);
    expect(results.filter((r) => !r.ok)).toHaveLength(20);
    const [usage] = await database.owner`select summaries_used from usage_periods where org_id = ${org.id}`;
    expect(usage!.summaries_used).toBe(50);
    // A retried job of an engagement already counted is not counted again.
    const again = await withOrg(db, org.id, (tx) => reserveSummary(tx, { orgId: org.id, engagementId: engagementIds[0]!.id, periodStart: '2026-11-01', limit: 50 }));
    expect(again).toEqual({ ok: true, alreadyCounted: true });
  });
});
