import { sql } from 'drizzle-orm';
import { z } from 'zod';
import type { Tx } from '../../db/tenant';

/**
 * Full-text search over summaries, with its GIN index, under row-level security.
 *
 * On a table with a policy, Postgres must check the policy on a row before it may evaluate a function
 * that is not leakproof on it, and @@ (ts_match_vq) is not: so the app role's own `search_vector @@ q`
 * can only filter rows it already reads, never ask summaries_org_search for them. The database function
 * engagement_search_matches (migration 0004) runs as the owner, for whom a read-only policy shows every
 * summary, so it can use the index; it takes the organization from app.org_id, which withOrg sets for
 * the transaction, never from an argument, and returns only that organization's engagement ids.
 *
 * Two ways to a page, chosen by how many summaries match:
 * - few (up to MATCH_LIMIT): the list narrows to those ids, found through the index;
 * - many: matches are common enough that walking the list's sort index and testing each row's
 *   search_vector finds a page after a few hundred rows, which beats fetching every match.
 */

/** Above this many matches the walk is cheaper than narrowing to the ids. */
export const MATCH_LIMIT = 5_000;

export type SearchNarrowing = { kind: 'ids'; ids: string[] } | { kind: 'common' };

/** The engagements of the transaction's organization whose summary matches `query` (websearch syntax). */
export async function searchNarrowing(tx: Tx, query: string): Promise<SearchNarrowing> {
  const rows = z
    .array(z.object({ id: z.string() }))
    .parse(await tx.execute(sql`select id::text from engagement_search_matches(${query}, ${MATCH_LIMIT + 1}) as id`));
  if (rows.length > MATCH_LIMIT) return { kind: 'common' };
  return { kind: 'ids', ids: rows.map((row) => row.id) };
}
