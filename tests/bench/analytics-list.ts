import { createHash } from 'node:crypto';
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { pathToFileURL } from 'node:url';
import postgres from 'postgres';
import { drizzle } from 'drizzle-orm/postgres-js';
import * as schema from '../../db/schema';
import { connect, deriveAppUrl, disconnect, type Database } from '../../db/client';
import { startEmbeddedPostgres, type EmbeddedDatabase } from '../../db/embedded';
import { MIGRATIONS_FOLDER, migrateDatabase } from '../../db/migrate';
import { withOrg, withOrgPair } from '../../db/tenant';
import { analyticsReport } from '../../server/analytics/queries';
import type { AuthContext } from '../../server/auth/current-user';
import { engagementListQuerySchema } from '../../server/contract/api';
import { listEngagements } from '../../server/engagements/queries';
import { TEST_APP_PASSWORD, TEST_APP_ROLE } from '../helpers/constants';
import { buildRollup, loadBenchData, markTodayDirty, type LoadedOrg } from './analytics-dataset';

/**
 * How fast the engagements list and the analytics report answer for a large organization:
 * `engagements` in one organization plus `otherOrgs` neighbours, on a fresh database (DATABASE_URL's
 * server when set, else an embedded PostgreSQL). Queries run as the app role through withOrg, so
 * row-level security is part of every plan, as in production. Goal: p95 under 200 ms.
 *
 * With DATABASE_URL the loaded dataset is kept as a database named after what built it (the dataset
 * and rollup code, the migrations, the sizes), and the next run with the same inputs measures it again
 * instead of loading for minutes. Older cached datasets are dropped.
 */

export interface AnalyticsListOptions {
  engagements: number;
  otherOrgs: number;
  /** Timed runs per query, after warm-up. */
  samples?: number;
  /** Print EXPLAIN (ANALYZE, BUFFERS) of every measured statement once. */
  explain?: boolean;
  /** Keep the database afterwards (with DATABASE_URL only), to investigate plans by hand. */
  keep?: boolean;
  /** Owner URL of a database kept by an earlier run: measure it again without reloading. */
  reuse?: string;
  /** Load a fresh database even when a cached dataset matches (DATABASE_URL only). */
  fresh?: boolean;
  log?: (line: string) => void;
}

export interface AnalyticsListRow {
  query: string;
  rows: number;
  p50: number;
  p95: number;
  max: number;
}

const GOAL_MS = 200;
const DAY_MS = 86_400_000;

async function withFreshDatabase<T>(keep: boolean, log: (line: string) => void, work: (ownerUrl: string) => Promise<T>): Promise<T> {
  let embedded: EmbeddedDatabase | null = null;
  let dataDir: string | null = null;
  let baseUrl = process.env.DATABASE_URL;
  if (!baseUrl) {
    dataDir = await mkdtemp(path.join(tmpdir(), 'callrecap-bench-analytics-'));
    embedded = await startEmbeddedPostgres(dataDir, { database: 'postgres' });
    baseUrl = embedded.url;
  }
  const name = `bench_analytics_${Date.now()}`;
  const admin = postgres(baseUrl, { max: 1, onnotice: () => undefined });
  const url = new URL(baseUrl);
  url.pathname = `/${name}`;
  try {
    await admin.unsafe(`create database ${name}`);
    return await work(url.toString());
  } finally {
    if (keep && !embedded) log(`Kept the database: ${url.toString()}`);
    else await admin.unsafe(`drop database if exists ${name} with (force)`).catch(() => undefined);
    await admin.end();
    await embedded?.stop();
    if (dataDir) await rm(dataDir, { recursive: true, force: true });
  }
}

/** The app role's pool, remembering the statements each measured call sent (for EXPLAIN). */
function appPool(appUrl: string): { db: Database; statements: Array<{ query: string; params: unknown[] }> } {
  const statements: Array<{ query: string; params: unknown[] }> = [];
  const client = postgres(appUrl, {
    max: 2,
    onnotice: () => undefined,
    debug: (_connection, query, params) => {
      if (/^\s*(select|with)\b/i.test(query) && !query.includes('set_config')) statements.push({ query, params: [...(params as unknown[])] });
    },
  });
  return { db: drizzle<typeof schema, postgres.Sql>(client, { schema }), statements };
}

function percentile(sorted: number[], q: number): number {
  return sorted[Math.max(0, Math.ceil(q * sorted.length) - 1)] ?? 0;
}

async function measure(name: string, samples: number, run: () => Promise<number>): Promise<AnalyticsListRow> {
  let rows = 0;
  for (let i = 0; i < 3; i++) rows = await run(); // warm-up: plans, caches
  const times: number[] = [];
  for (let i = 0; i < samples; i++) {
    const started = performance.now();
    await run();
    times.push(performance.now() - started);
  }
  times.sort((a, b) => a - b);
  const ms = (value: number) => Math.round(value * 10) / 10;
  return { query: name, rows, p50: ms(percentile(times, 0.5)), p95: ms(percentile(times, 0.95)), max: ms(times.at(-1) ?? 0) };
}

async function explain(db: Database, orgId: string, statements: Array<{ query: string; params: unknown[] }>, log: (line: string) => void): Promise<void> {
  for (const statement of statements) {
    const plan = await withOrg(db, orgId, (tx) =>
      tx.$client.unsafe<Array<{ 'QUERY PLAN': string }>>(`explain (analyze, buffers) ${statement.query}`, statement.params as postgres.ParameterOrJSON<never>[]),
    );
    log(`${statement.query}\n-- parameters: ${JSON.stringify(statement.params)}\n${plan.map((line) => line['QUERY PLAN']).join('\n')}\n`);
  }
}

/** The largest organization of a database loaded earlier, and when it was loaded. */
async function findLoadedOrg(owner: postgres.Sql): Promise<{ org: LoadedOrg; now: Date }> {
  const [row] = await owner<Array<{ org_id: string; loaded_at: Date }>>`
    select org_id, max(activity_at) as loaded_at from engagements group by org_id order by count(*) desc limit 1`;
  if (!row) throw new Error('That database has no engagements to measure.');
  const people = await owner<Array<{ id: string; role: string }>>`
    select id, role from users where org_id = ${row.org_id} and role in ('agent', 'supervisor') order by zoom_user_id`;
  const supervisor = people.find((p) => p.role === 'supervisor');
  if (!supervisor) throw new Error('The measured organization has no supervisor.');
  return {
    org: { orgId: row.org_id, supervisorId: supervisor.id, agentIds: people.filter((p) => p.role === 'agent').map((p) => p.id) },
    now: row.loaded_at,
  };
}

export async function benchAnalyticsAndList(options: AnalyticsListOptions): Promise<AnalyticsListRow[]> {
  const log = options.log ?? ((line: string) => console.log(line));
  if (options.reuse) return measureAll(options.reuse, options, log);
  const baseUrl = process.env.DATABASE_URL;
  if (baseUrl && !options.fresh && !options.keep) {
    const cached = await cachedDataset(baseUrl, options, log);
    return measureAll(cached, { ...options, reuse: cached }, log);
  }
  return withFreshDatabase(options.keep ?? false, log, (ownerUrl) => measureAll(ownerUrl, options, log));
}

const CACHE_PREFIX = 'bench_analytics_cache_';
const CACHE_COMPLETE = 'callrecap bench dataset: complete';

/** What the dataset depends on: a change to any of it builds a new one. */
async function datasetFingerprint(options: AnalyticsListOptions): Promise<string> {
  const hash = createHash('sha256').update(`${options.engagements}:${options.otherOrgs}`);
  const sources = [new URL('./analytics-dataset.ts', import.meta.url), new URL('../../server/analytics/rollup.ts', import.meta.url)];
  for (const source of sources) hash.update(await readFile(source));
  for (const name of (await readdir(MIGRATIONS_FOLDER)).filter((n) => n.endsWith('.sql')).sort()) {
    hash.update(name).update(await readFile(path.join(MIGRATIONS_FOLDER, name)));
  }
  return hash.digest('hex').slice(0, 16);
}

/** The owner URL of a complete cached dataset for these options, loading it first when there is none. */
async function cachedDataset(baseUrl: string, options: AnalyticsListOptions, log: (line: string) => void): Promise<string> {
  const name = CACHE_PREFIX + (await datasetFingerprint(options));
  const url = new URL(baseUrl);
  url.pathname = `/${name}`;
  const admin = postgres(baseUrl, { max: 1, onnotice: () => undefined });
  try {
    const databases = await admin<Array<{ datname: string; note: string | null }>>`
      select datname, shobj_description(oid, 'pg_database') as note from pg_database where datname like ${CACHE_PREFIX + '%'}`;
    for (const db of databases) {
      if (db.datname === name && db.note === CACHE_COMPLETE) {
        log(`Measuring the cached dataset ${name} (load a new one with --fresh).`);
        return url.toString();
      }
      // Stale (other inputs) or unfinished: a dataset is gigabytes, keep only the current one.
      await admin.unsafe(`drop database if exists ${db.datname} with (force)`);
    }
    await admin.unsafe(`create database ${name}`);
    await prepare(url.toString(), { ...options, reuse: undefined }, log);
    await admin.unsafe(`comment on database ${name} is '${CACHE_COMPLETE}'`);
    log(`Kept the dataset as ${name} for the next run.`);
    return url.toString();
  } finally {
    await admin.end();
  }
}

/** Loads a fresh database, or finds the organization of a reused one. */
async function prepare(ownerUrl: string, options: AnalyticsListOptions, log: (line: string) => void): Promise<{ org: LoadedOrg; now: Date }> {
  const owner = postgres(ownerUrl, { max: 1, onnotice: () => undefined });
  try {
    if (options.reuse) {
      const found = await findLoadedOrg(owner);
      await markTodayDirty(owner, found.now);
      return found;
    }
    log(`Loading ${options.engagements} engagements (+${options.otherOrgs} other organizations)...`);
    await migrateDatabase(ownerUrl, { appRole: TEST_APP_ROLE, appPassword: TEST_APP_PASSWORD });
    const now = new Date();
    const org = await loadBenchData(owner, { engagements: options.engagements, otherOrgs: options.otherOrgs, now, log });
    const app = connect(deriveAppUrl(ownerUrl, TEST_APP_ROLE, TEST_APP_PASSWORD), { max: 2 });
    try {
      await buildRollup(owner, app, now, log);
    } finally {
      await disconnect(app);
    }
    return { org, now };
  } finally {
    await owner.end();
  }
}

async function measureAll(ownerUrl: string, options: AnalyticsListOptions, log: (line: string) => void): Promise<AnalyticsListRow[]> {
  const samples = options.samples ?? 20;
  const { org, now } = await prepare(ownerUrl, options, log);
  const { db, statements } = appPool(deriveAppUrl(ownerUrl, TEST_APP_ROLE, TEST_APP_PASSWORD));
  const supervisor: AuthContext = { userId: org.supervisorId, orgId: org.orgId, role: 'supervisor', name: 'Supervisor 1', zoomUserId: 'supervisor-1' };
  const agent: AuthContext = { userId: org.agentIds[0]!, orgId: org.orgId, role: 'agent', name: 'Agent 001', zoomUserId: 'agent-1' };
  const list = (auth: AuthContext, query: Record<string, string>) => async () =>
    (await withOrg(db, org.orgId, (tx) => listEngagements(tx, auth, engagementListQuerySchema.parse(query)))).items.length;
  // Whole UTC days ending today, as the analytics page asks.
  const report = (days: number, narrowing: { agentId?: string; queueId?: string } = {}) => async () => {
    const to = new Date(Math.floor(now.getTime() / DAY_MS) * DAY_MS + DAY_MS);
    const result = await withOrgPair(db, org.orgId, (first, second) =>
      analyticsReport(first, second, org.orgId, { from: new Date(to.getTime() - days * DAY_MS), to, ...narrowing }),
    );
    return result.totals.engagements;
  };
  // A fixed CPU-bound query: compare with ~100 ms on an idle core to see how busy the machine was.
  const calibration = async () => {
    await db.$client`select sum(i) from generate_series(1, 1000000) i`;
    return 1;
  };
  const cases: Array<[string, () => Promise<number>]> = [
    ['calibration: sum of 1e6 integers', calibration],
    ['list: first page (supervisor)', list(supervisor, {})],
    ["list: first page (an agent's own)", list(agent, {})],
    ['list: filtered (queue + negative)', list(supervisor, { queueId: 'q-3', sentiment: 'negative' })],
    ['list: filtered (30 days, status failed)', list(supervisor, { from: new Date(now.getTime() - 30 * DAY_MS).toISOString(), status: 'failed' })],
    ['list: filtered (category + negative + CRM failed)', list(supervisor, { category: 'Billing', sentiment: 'negative', crm: 'failed' })],
    ['list: longest first', list(supervisor, { sort: 'duration_desc' })],
    ['list: shortest first, 7 days', list(supervisor, { sort: 'duration_asc', from: new Date(now.getTime() - 7 * DAY_MS).toISOString() })],
    ['list: search "refund"', list(supervisor, { q: 'refund' })],
    ['list: search "okafor invoice"', list(supervisor, { q: 'okafor invoice' })],
    ['list: search "okafor invoice", oldest first', list(supervisor, { q: 'okafor invoice', sort: 'ended_asc' })],
    ['list: search "refund", one agent, 30 days', list(supervisor, { q: 'refund', agentId: org.agentIds[2]!, from: new Date(now.getTime() - 30 * DAY_MS).toISOString() })],
    ['analytics: 30 days', report(30)],
    ['analytics: 90 days', report(90)],
    ['analytics: 365 days', report(365)],
    ['analytics: 90 days, one agent', report(90, { agentId: org.agentIds[1] })],
    ['analytics: 90 days, one queue', report(90, { queueId: 'q-3' })],
  ];
  const results: AnalyticsListRow[] = [];
  try {
    for (const [name, run] of cases) {
      results.push(await measure(name, samples, run));
      if (options.explain && !name.startsWith('calibration')) {
        statements.length = 0;
        await run();
        const captured = [...statements];
        log(`\n=== ${name}`);
        await explain(db, org.orgId, captured, log);
      }
    }
  } finally {
    await db.$client.end({ timeout: 5 });
  }
  return results;
}

export function printAnalyticsList(rows: AnalyticsListRow[], engagements: number): void {
  console.log(`\nEngagements list and analytics (${engagements} engagements in one organization; goal p95 < ${GOAL_MS} ms)`);
  console.table(rows.map((r) => ({ query: r.query, rows: r.rows, 'p50 ms': r.p50, 'p95 ms': r.p95, 'max ms': r.max, goal: r.query.startsWith('calibration') ? '' : r.p95 < GOAL_MS ? 'ok' : 'MISSED' })));
}

// `npx tsx tests/bench/analytics-list.ts --engagements 100000 [--other-orgs 20] [--samples 20] [--explain] [--fresh | --keep | --reuse <owner url>]`
if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const { values } = parseArgs({
    options: {
      engagements: { type: 'string', default: '100000' },
      'other-orgs': { type: 'string', default: '20' },
      samples: { type: 'string', default: '20' },
      explain: { type: 'boolean', default: false },
      keep: { type: 'boolean', default: false },
      reuse: { type: 'string' },
      fresh: { type: 'boolean', default: false },
    },
  });
  const engagements = Number(values.engagements);
  benchAnalyticsAndList({
    engagements,
    otherOrgs: Number(values['other-orgs']),
    samples: Number(values.samples),
    explain: values.explain,
    keep: values.keep,
    reuse: values.reuse,
    fresh: values.fresh,
  })
    .then((rows) => printAnalyticsList(rows, engagements))
    .catch((error: unknown) => {
      console.error(error);
      process.exit(1);
    });
}
