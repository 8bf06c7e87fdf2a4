import { PostgresJsDatabase } from 'drizzle-orm/postgres-js';
import { PostgresJsSession } from 'drizzle-orm/postgres-js/session';
import { PgDialect } from 'drizzle-orm/pg-core';
import type postgres from 'postgres';
import type { Database } from './client';

/**
 * A transaction scoped to one organization. `$client` is the raw transaction, for the rare query
 * drizzle cannot express and for enqueueing jobs atomically with the rows they refer to.
 */
export type Tx = PostgresJsDatabase & { $client: postgres.TransactionSql };

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
/** What pg_export_snapshot() returns, e.g. 00000003-0000001B-1. */
const SNAPSHOT_ID = /^[0-9A-F]+(?:-[0-9A-F]+)+$/i;

const dialect = new PgDialect();

/** drizzle over an open transaction (the pool's drizzle already set the type parsers it needs). */
function bind(transaction: postgres.TransactionSql): Tx {
  const session = new PostgresJsSession(transaction as unknown as postgres.Sql, dialect, undefined);
  const tx = new PostgresJsDatabase(dialect, session, undefined) as Tx;
  tx.$client = transaction;
  return tx;
}

/**
 * The only way to tenant data: a transaction whose row-level security shows exactly one organization.
 * Outside it, every tenant table looks empty.
 */
export async function withOrg<T>(
  db: Database,
  orgId: string,
  work: (tx: Tx) => Promise<T>,
  options: { snapshot?: boolean; importSnapshot?: string } = {},
): Promise<T> {
  if (!UUID.test(orgId)) throw new Error('withOrg needs an organization id (uuid)');
  if (options.importSnapshot !== undefined && !SNAPSHOT_ID.test(options.importSnapshot))
    throw new Error('not a snapshot id');
  const scopedWork = async (transaction: postgres.TransactionSql) => {
    // Allowed only before the transaction's first query.
    if (options.importSnapshot)
      await transaction.unsafe(`set transaction snapshot '${options.importSnapshot}'`);
    // Pipelined: the setting and the work's first query share a round trip, and run in that order.
    const scoped = transaction`select set_config('app.org_id', ${orgId}, true)`.execute();
    const [value] = await Promise.all([work(bind(transaction)), scoped]);
    return [value] as const;
  };
  // snapshot: every statement reads the same moment (read only, repeatable read), for a view assembled
  // from several queries that must agree, e.g. a summary's sync state and its sync attempts.
  const result =
    options.snapshot || options.importSnapshot
      ? await db.$client.begin('isolation level repeatable read read only', scopedWork)
      : await db.$client.begin(scopedWork);
  return result[0];
}

/**
 * Two read-only transactions of the organization, on two connections, that read the same snapshot: a
 * report's two heavy queries then run side by side, one core each, and still see one moment of the data.
 */
export async function withOrgPair<T>(
  db: Database,
  orgId: string,
  work: (first: Tx, second: Tx) => Promise<T>,
): Promise<T> {
  // A pool of one cannot lend a second connection: one transaction then serves as both, one query after the other.
  if (poolSize(db) < 2) return withOrg(db, orgId, (tx) => work(tx, tx), { snapshot: true });
  const permits = pairPermits(db);
  await permits.acquire();
  try {
    return await withOrg(
      db,
      orgId,
      async (first) => {
        const [exported] = await first.$client<
          Array<{ snapshot: string }>
        >`select pg_export_snapshot() as snapshot`;
        return withOrg(db, orgId, (second) => work(first, second), { importSnapshot: exported!.snapshot });
      },
      { snapshot: true },
    );
  } finally {
    permits.release();
  }
}

/**
 * A pair holds one connection while it waits for its second. Were every connection held that way,
 * all would wait for ever; so pairs may hold at most half the pool, and the rest of the app keeps the
 * other half.
 */
class Permits {
  private waiting: Array<() => void> = [];
  constructor(private free: number) {}
  async acquire(): Promise<void> {
    if (this.free > 0) {
      this.free -= 1;
      return;
    }
    await new Promise<void>((resolve) => this.waiting.push(resolve));
  }
  release(): void {
    const next = this.waiting.shift();
    if (next) next();
    else this.free += 1;
  }
}

const pairPermitsByPool = new WeakMap<Database, Permits>();

const poolSize = (db: Database): number => Number(db.$client.options.max) || 1;

function pairPermits(db: Database): Permits {
  let permits = pairPermitsByPool.get(db);
  if (!permits) {
    permits = new Permits(Math.floor(poolSize(db) / 2));
    pairPermitsByPool.set(db, permits);
  }
  return permits;
}

/**
 * Read-only lookups of organizations before the tenant is known (Zoom account id on a webhook or
 * sign-in, Stripe customer id, the deletion and reconciliation schedules). RLS allows SELECT on
 * organizations only; every other table stays empty here.
 */
export async function withSystemLookup<T>(db: Database, work: (tx: Tx) => Promise<T>): Promise<T> {
  const result = await db.$client.begin(async (transaction) => {
    await transaction`select set_config('app.system', 'lookup', true)`;
    return [await work(bind(transaction))] as const;
  });
  return result[0];
}
