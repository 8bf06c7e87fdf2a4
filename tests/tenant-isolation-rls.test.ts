import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { RLS_EXEMPT_TABLES } from '../db/schema';
import { connect, disconnect } from '../db/client';
import { withOrg, withOrgPair, type Tx } from '../db/tenant';
import { createTestDatabase, tenantTables, type TestDatabase } from './helpers/db';
import { seedEveryTenantTable } from './helpers/tenant-fixtures';

let database: TestDatabase;
let orgA: string;
let orgB: string;
let tables: string[];

beforeAll(async () => {
  database = await createTestDatabase();
  orgA = (await seedEveryTenantTable(database.owner, 'a')).orgId;
  orgB = (await seedEveryTenantTable(database.owner, 'b')).orgId;
  tables = (await tenantTables(database.owner)).filter((t) => !(t in RLS_EXEMPT_TABLES));
});
afterAll(() => database.drop());

describe('row-level security catalog', () => {
  it('forces RLS with a policy on every table that has org_id (and on organizations)', async () => {
    const rows = await database.owner<{ relname: string; relrowsecurity: boolean; relforcerowsecurity: boolean; policies: number }[]>`
      select c.relname, c.relrowsecurity, c.relforcerowsecurity,
        (select count(*)::int from pg_policy p where p.polrelid = c.oid) as policies
      from pg_class c join pg_namespace n on n.oid = c.relnamespace
      where n.nspname = 'public' and c.relkind in ('r', 'p')
        and (c.relname = 'organizations' or exists (
          select 1 from information_schema.columns col
          where col.table_schema = 'public' and col.table_name = c.relname and col.column_name = 'org_id'))`;
    const unprotected = rows
      .filter((r) => !(r.relname in RLS_EXEMPT_TABLES))
      .filter((r) => !r.relrowsecurity || !r.relforcerowsecurity || r.policies === 0)
      .map((r) => r.relname);
    expect(unprotected).toEqual([]);
    expect(rows.map((r) => r.relname)).toContain('organizations');
    expect(rows.length).toBeGreaterThanOrEqual(15);
  });

  it('the app role is not superuser, has no BYPASSRLS and owns no table', async () => {
    const [role] = await database.db.$client<{ rolsuper: boolean; rolbypassrls: boolean }[]>`
      select rolsuper, rolbypassrls from pg_roles where rolname = current_user`;
    expect(role).toEqual({ rolsuper: false, rolbypassrls: false });
    const owned = await database.db.$client`select tablename from pg_tables where tableowner = current_user`;
    expect(owned).toHaveLength(0);
  });
});

describe('tenant isolation', () => {
  it('with no organization set, every tenant table looks empty', async () => {
    for (const table of [...tables, 'organizations']) {
      const [row] = await database.db.$client.unsafe<{ n: number }[]>(`select count(*)::int as n from ${table}`);
      expect({ table, n: row?.n }).toEqual({ table, n: 0 });
    }
  });

  it('organization A reads only its own rows in every tenant table', async () => {
    await withOrg(database.db, orgA, async (tx) => {
      for (const table of tables) {
        const result = await tx.execute<{ own: number; other: number }>(
          sql.raw(`select count(*) filter (where org_id = '${orgA}')::int as own, count(*) filter (where org_id <> '${orgA}')::int as other from ${table}`),
        );
        expect({ table, ...result[0] }).toEqual({ table, own: 1, other: 0 });
      }
      const orgs = await tx.execute<{ id: string }>(sql`select id from organizations`);
      expect(orgs.map((o) => o.id)).toEqual([orgA]);
    });
  });

  it('organization A can neither change nor delete organization B rows in any tenant table', async () => {
    await withOrg(database.db, orgA, async (tx) => {
      for (const table of tables) {
        const updated = await tx.execute(sql.raw(`update ${table} set org_id = org_id where org_id = '${orgB}'`));
        const deleted = await tx.execute(sql.raw(`delete from ${table} where org_id = '${orgB}'`));
        expect({ table, updated: updated.count, deleted: deleted.count }).toEqual({ table, updated: 0, deleted: 0 });
      }
    });
    for (const table of tables) {
      const [row] = await database.owner.unsafe<{ n: number }[]>(`select count(*)::int as n from ${table} where org_id = $1`, [orgB]);
      expect({ table, n: row?.n }).toEqual({ table, n: 1 });
    }
  });

  it('organization A cannot write a row into organization B', async () => {
    for (const table of tables) {
      // Copy one of A's rows with B's org id: the policy's WITH CHECK must refuse it.
      const attempt = withOrg(database.db, orgA, (tx) =>
        tx.execute(sql.raw(`update ${table} set org_id = '${orgB}' where org_id = '${orgA}'`)),
      );
      expect(await rlsViolation(attempt), table).toBe(true);
    }
  });

  it('cannot move rows of its own into another organization via withOrg of a different id', async () => {
    const attempt = withOrg(database.db, orgB, (tx) =>
      tx.execute(sql`insert into categories (org_id, name) values (${orgA}, 'Smuggled')`),
    );
    expect(await rlsViolation(attempt)).toBe(true);
  });
});

describe('a pair of transactions (withOrgPair)', () => {
  const users = (tx: Tx) => tx.execute<{ own: number; other: number }>(
    sql.raw(`select count(*) filter (where org_id = '${orgA}')::int as own, count(*) filter (where org_id <> '${orgA}')::int as other from users`),
  );

  it('reads one snapshot on two connections, both scoped to the organization', async () => {
    let during: Array<{ own: number; other: number }> = [];
    await withOrgPair(database.db, orgA, async (first, second) => {
      const pids = await Promise.all([first.$client`select pg_backend_pid() as pid`, second.$client`select pg_backend_pid() as pid`]);
      expect(pids[0][0]!.pid).not.toBe(pids[1][0]!.pid);
      const before = (await users(first))[0]!;
      // Committed while the pair is open: neither transaction may see it.
      await database.owner`insert into users (org_id, zoom_user_id, name, role) values (${orgA}, 'pair-snapshot', 'Pair Snapshot', 'agent')`;
      during = [before, (await users(first))[0]!, (await users(second))[0]!];
    });
    expect(during[0]!.other).toBe(0);
    expect(during[1]).toEqual(during[0]);
    expect(during[2]).toEqual(during[0]);
    const after = await withOrg(database.db, orgA, async (tx) => (await users(tx))[0]!);
    expect(after.own).toBe(during[0]!.own + 1);
  });

  it('never deadlocks when more pairs are wanted than the pool has connections, and works on a pool of one', async () => {
    for (const max of [2, 3, 1]) {
      const pool = connect(database.appUrl, { max });
      try {
        const sleepers = Array.from({ length: 8 }, () =>
          withOrgPair(pool, orgA, async (first, second) => {
            await Promise.all([first.$client`select pg_sleep(0.02)`, second.$client`select pg_sleep(0.02)`]);
            return (await users(second))[0]!.other;
          }),
        );
        // Plain queries keep running beside them.
        const plain = Array.from({ length: 4 }, () => withOrg(pool, orgA, async (tx) => (await users(tx))[0]!.other));
        expect(await Promise.all([...sleepers, ...plain])).toEqual(Array(12).fill(0));
      } finally {
        await disconnect(pool);
      }
    }
  }, 30_000);
});

describe('the isolation tests can fail', () => {
  it('notices a leak in every tenant table the moment its row-level security is switched off', async () => {
    for (const table of tables) {
      await database.owner.unsafe(`alter table ${table} disable row level security`);
      try {
        const leaked = await withOrg(database.db, orgA, (tx) =>
          tx.execute<{ other: number }>(sql.raw(`select count(*) filter (where org_id <> '${orgA}')::int as other from ${table}`)),
        );
        expect({ table, leaked: leaked[0]!.other > 0 }).toEqual({ table, leaked: true });
      } finally {
        await database.owner.unsafe(`alter table ${table} enable row level security`);
      }
    }
  });
});

/** drizzle wraps the driver's error; Postgres reports an RLS refusal as 42501 "violates row-level security". */
async function rlsViolation(attempt: Promise<unknown>): Promise<boolean> {
  try {
    await attempt;
    return false;
  } catch (error) {
    const cause = (error as { cause?: { code?: string; message?: string } }).cause;
    return cause?.code === '42501' && /row-level security/.test(cause.message ?? '');
  }
}
