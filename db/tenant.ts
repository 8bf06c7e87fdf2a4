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
  options: { snapshot?: boolean } = {},
): Promise<T> {
  if (!UUID.test(orgId)) throw new Error('withOrg needs an organization id (uuid)');
  const scopedWork = async (transaction: postgres.TransactionSql) => {
    // Pipelined: the setting and the work's first query share a round trip, and run in that order.
    const scoped = transaction`select set_config('app.org_id', ${orgId}, true)`.execute();
    const [value] = await Promise.all([work(bind(transaction)), scoped]);
    return [value] as const;
  };
  // snapshot: every statement reads the same moment (read only, repeatable read), for a view assembled
  // from several queries that must agree, e.g. a summary's sync state and its sync attempts.
  const result = options.snapshot
    ? await db.$client.begin('isolation level repeatable read read only', scopedWork)
    : await db.$client.begin(scopedWork);
  return result[0];
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
