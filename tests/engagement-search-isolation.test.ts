import { sql } from 'drizzle-orm';
import type postgres from 'postgres';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { withOrg } from '../db/tenant';
import type { AuthContext } from '../server/auth/current-user';
import { engagementListQuerySchema } from '../server/contract/api';
import { listEngagements } from '../server/engagements/queries';
import { MATCH_LIMIT, searchNarrowing } from '../server/engagements/search';
import { createTestDatabase, type TestDatabase } from './helpers/db';
import { createOrgWithUsers } from './helpers/org-fixtures';

/**
 * Full-text search goes through engagement_search_matches(), which runs as the owner so it can use the
 * GIN index (row-level security would forbid it). Its only tenant boundary is its own organization
 * check on app.org_id: these tests show it returns no other organization's rows, and that they notice
 * the moment that check is gone.
 */

let database: TestDatabase;
let orgA: string;
let orgB: string;
let supervisorA: AuthContext;

/** `count` ended engagements with ready summaries whose text is `text` (plus a number), one a minute back from `newest`. */
async function insertSearchable(owner: postgres.Sql, orgId: string, label: string, text: string, count: number): Promise<void> {
  await owner`
    with rows as (
      select gen_random_uuid() as id, gen_random_uuid() as summary_id, n,
             timestamptz '2026-06-01T12:00:00Z' - n * interval '1 minute' as ended_at
      from generate_series(1, ${count}::int) n
    ),
    inserted as (
      insert into engagements (id, org_id, zoom_engagement_id, started_at, ended_at, duration_seconds, activity_at, status)
      select id, ${orgId}::uuid, ${label} || '-' || n, ended_at - interval '5 minutes', ended_at, 300, ended_at, 'ended' from rows
      returning id
    )
    insert into summaries (id, org_id, engagement_id, status, current_version, search_vector)
    select r.summary_id, ${orgId}::uuid, r.id, 'ready', 1, to_tsvector('english', ${text} || ' case ' || r.n)
    from rows r join inserted i on i.id = r.id`;
}

const matchesFor = (orgId: string | null, query: string): Promise<string[]> => {
  const search = async (tx: { execute: (q: ReturnType<typeof sql>) => Promise<unknown> }) =>
    ((await tx.execute(sql`select id::text from engagement_search_matches(${query}, 100000) as id`)) as Array<{ id: string }>).map((r) => r.id);
  if (orgId === null) return database.db.transaction((tx) => search(tx));
  return withOrg(database.db, orgId, search);
};

async function idsOf(orgId: string): Promise<Set<string>> {
  const rows = await database.owner<Array<{ id: string }>>`select id from engagements where org_id = ${orgId}`;
  return new Set(rows.map((r) => r.id));
}

/** What the search leaks: ids it returned for A that are not A's. */
async function leakedToA(query: string): Promise<string[]> {
  const own = await idsOf(orgA);
  return (await matchesFor(orgA, query)).filter((id) => !own.has(id));
}

beforeAll(async () => {
  database = await createTestDatabase();
  const a = await createOrgWithUsers(database.owner, 'search-a', [{ name: 'Sue', role: 'supervisor' }]);
  const b = await createOrgWithUsers(database.owner, 'search-b', [{ name: 'Bea', role: 'supervisor' }]);
  orgA = a.orgId;
  orgB = b.orgId;
  supervisorA = { userId: a.users.Sue!.id, orgId: orgA, role: 'supervisor', name: 'Sue', zoomUserId: 'zu-sue' };
  await insertSearchable(database.owner, orgA, 'a-rare', 'Customer asked for a refund of the invoice', 12);
  await insertSearchable(database.owner, orgB, 'b-rare', 'Customer asked for a refund of the invoice', 15);
  await insertSearchable(database.owner, orgB, 'b-only', 'Router outage in the warehouse', 5);
  // More matches than MATCH_LIMIT in both: the list walks its sort index instead of narrowing to ids.
  await insertSearchable(database.owner, orgA, 'a-common', 'Password reset email never arrives', MATCH_LIMIT + 20);
  await insertSearchable(database.owner, orgB, 'b-common', 'Password reset email never arrives', 50);
});
afterAll(() => database.drop());

describe('engagement_search_matches', () => {
  it("returns every matching engagement of the transaction's organization and none of another's", async () => {
    expect(await matchesFor(orgA, 'refund invoice')).toHaveLength(12);
    expect(await leakedToA('refund invoice')).toEqual([]);
    expect(await matchesFor(orgA, 'warehouse outage')).toEqual([]);
    expect(await matchesFor(orgB, 'warehouse outage')).toHaveLength(5);
    expect(await leakedToA('password reset')).toEqual([]);
  });

  it('returns nothing when no organization is set', async () => {
    expect(await matchesFor(null, 'refund')).toEqual([]);
  });

  it('is a security definer with a pinned search_path, callable by the app role and not by PUBLIC', async () => {
    const [fn] = await database.owner<Array<{ definer: boolean; config: string[] | null; publicCanRun: boolean; appCanRun: boolean }>>`
      select p.prosecdef as definer, p.proconfig as config,
             has_function_privilege('public', p.oid, 'execute') as "publicCanRun",
             has_function_privilege(${new URL(database.appUrl).username}, p.oid, 'execute') as "appCanRun"
      from pg_proc p where p.proname = 'engagement_search_matches'`;
    expect(fn).toEqual({ definer: true, config: ['search_path=pg_catalog, pg_temp'], publicCanRun: false, appCanRun: true });
  });

  it("leaves the app role's own reading of summaries under the tenant policy", async () => {
    // The owner-only read policy that lets the function use the index is for the owner, select only.
    const policies = await database.owner<Array<{ name: string; command: string; roles: string[] }>>`
      select policyname as name, cmd as command, roles::text[] as roles from pg_policies where tablename = 'summaries' order by policyname`;
    const appRole = new URL(database.appUrl).username;
    expect(policies.map((p) => p.name)).toEqual(['search_function_read', 'tenant_isolation']);
    const definerRead = policies.find((p) => p.name === 'search_function_read')!;
    expect(definerRead.command).toBe('SELECT');
    expect(definerRead.roles).not.toContain(appRole);
    expect(definerRead.roles).not.toContain('public');
    const leaked = await withOrg(database.db, orgA, (tx) =>
      tx.execute<{ n: number }>(sql`select count(*)::int as n from summaries where org_id <> ${orgA}`),
    );
    expect(leaked[0]!.n).toBe(0);
  });
});

describe('the engagements list search', () => {
  const list = (q: string) => withOrg(database.db, orgA, (tx) => listEngagements(tx, supervisorA, engagementListQuerySchema.parse({ q, limit: 100 })));

  it('narrows to the index matches of a rare term, only the organization’s own', async () => {
    expect((await withOrg(database.db, orgA, (tx) => searchNarrowing(tx, 'refund'))).kind).toBe('ids');
    const page = await list('refund');
    const own = await idsOf(orgA);
    expect(page.items).toHaveLength(12);
    expect(page.items.every((item) => own.has(item.id))).toBe(true);
    expect(page.items.map((item) => item.zoomEngagementId)).toEqual(Array.from({ length: 12 }, (_, i) => `a-rare-${i + 1}`));
  });

  it('walks the list for a common term, newest first, only the organization’s own', async () => {
    expect((await withOrg(database.db, orgA, (tx) => searchNarrowing(tx, 'password'))).kind).toBe('common');
    const page = await list('password');
    expect(page.items.map((item) => item.zoomEngagementId)).toEqual(Array.from({ length: 100 }, (_, i) => `a-common-${i + 1}`));
    expect(page.nextCursor).not.toBeNull();
  });

  it('finds nothing for a term only another organization has', async () => {
    expect((await list('warehouse')).items).toEqual([]);
  });
});

describe('the search isolation tests can fail', () => {
  it("notice another organization's rows the moment the function's organization check is removed", async () => {
    const [original] = await database.owner<Array<{ definition: string }>>`
      select pg_get_functiondef('engagement_search_matches(text, integer)'::regprocedure) as definition`;
    const check = /s\.org_id = nullif\(current_setting\('app\.org_id', true\), ''\)::uuid\s+AND /i;
    expect(original!.definition).toMatch(check);
    await database.owner.unsafe(original!.definition.replace(check, ''));
    try {
      expect((await leakedToA('refund invoice')).length).toBe(15);
    } finally {
      await database.owner.unsafe(original!.definition);
    }
    expect(await leakedToA('refund invoice')).toEqual([]);
  });
});
