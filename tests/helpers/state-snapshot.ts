import type postgres from 'postgres';

/**
 * A fingerprint of everything the app stores: row count and a hash of every row of each table in
 * `public`, and of pg-boss's jobs. Two equal snapshots mean nothing was written in between.
 */
export type StateSnapshot = Record<string, { rows: number; hash: string }>;

export async function snapshotState(owner: postgres.Sql, options: { exclude?: string[] } = {}): Promise<StateSnapshot> {
  const tables = await owner<{ name: string }[]>`
    select table_name as name from information_schema.tables
    where table_schema = 'public' and table_type = 'BASE TABLE' order by table_name`;
  const snapshot: StateSnapshot = {};
  for (const { name } of tables) {
    if (options.exclude?.includes(name)) continue;
    const [row] = await owner<{ rows: number; hash: string }[]>`
      select count(*)::int as rows, md5(coalesce(string_agg(t::text, '|' order by t::text), '')) as hash from ${owner(name)} t`;
    snapshot[name] = row!;
  }
  const [jobs] = await owner<{ rows: number; hash: string }[]>`
    select count(*)::int as rows, md5(coalesce(string_agg(id::text || name || state::text, '|' order by id), '')) as hash from pgboss.job`;
  snapshot['pgboss.job'] = jobs!;
  return snapshot;
}

/** Tables whose fingerprint differs, with row counts before → after. */
export function changedTables(before: StateSnapshot, after: StateSnapshot): string[] {
  return Object.keys({ ...before, ...after })
    .filter((table) => before[table]?.hash !== after[table]?.hash)
    .map((table) => `${table}: ${before[table]?.rows ?? 'absent'} → ${after[table]?.rows ?? 'absent'} rows`);
}
