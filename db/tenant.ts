import { sql } from 'drizzle-orm';
import type { Database } from './client';

export type Tx = Parameters<Parameters<Database['transaction']>[0]>[0];

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * The only way to tenant data: a transaction whose row-level security shows exactly one organization.
 * Outside it, every tenant table looks empty.
 */
export async function withOrg<T>(db: Database, orgId: string, work: (tx: Tx) => Promise<T>): Promise<T> {
  if (!UUID.test(orgId)) throw new Error('withOrg needs an organization id (uuid)');
  return db.transaction(async (tx) => {
    await tx.execute(sql`select set_config('app.org_id', ${orgId}, true)`);
    return work(tx);
  });
}

/**
 * Read-only lookups of organizations before the tenant is known (Zoom account id on a webhook or
 * sign-in, Stripe customer id, the deletion and reconciliation schedules). RLS allows SELECT on
 * organizations only; every other table stays empty here.
 */
export async function withSystemLookup<T>(db: Database, work: (tx: Tx) => Promise<T>): Promise<T> {
  return db.transaction(async (tx) => {
    await tx.execute(sql`select set_config('app.system', 'lookup', true)`);
    return work(tx);
  });
}
