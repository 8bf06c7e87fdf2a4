import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import postgres from 'postgres';
import { startEmbeddedPostgres, type EmbeddedDatabase } from '../../db/embedded';
import { benchWebhookIngest, type IngestRow } from './webhook-ingest';
import { benchAnalyticsAndList, printAnalyticsList } from './analytics-list';
import { benchPipeline, printPipeline } from './pipeline';
import { benchExportMemory, printExportMemory } from './export-memory';

/**
 * `npm run bench [-- --only ingest,list,pipeline,export] [--seconds 10]`: every benchmark side by side in one run, on a
 * fresh database (DATABASE_URL's server when set, else an embedded PostgreSQL). Prints tables.
 */
async function withBenchDatabase<T>(work: (ownerUrl: string) => Promise<T>): Promise<T> {
  let embedded: EmbeddedDatabase | null = null;
  let dataDir: string | null = null;
  let baseUrl = process.env.DATABASE_URL;
  if (!baseUrl) {
    dataDir = await mkdtemp(path.join(tmpdir(), 'callrecap-bench-'));
    embedded = await startEmbeddedPostgres(dataDir, { database: 'postgres' });
    baseUrl = embedded.url;
  }
  const name = `bench_${Date.now()}`;
  const admin = postgres(baseUrl, { max: 1, onnotice: () => undefined });
  await admin.unsafe(`create database ${name}`);
  const url = new URL(baseUrl);
  url.pathname = `/${name}`;
  try {
    return await work(url.toString());
  } finally {
    await admin.unsafe(`drop database if exists ${name} with (force)`);
    await admin.end();
    await embedded?.stop();
    if (dataDir) await rm(dataDir, { recursive: true, force: true });
  }
}

function printIngest(rows: IngestRow[]): void {
  console.log('\nWebhook ingest (signed engagement_ended events; autocannon, 50 connections)');
  console.table(
    rows.map((r) => ({
      target: r.target,
      rate: r.rate,
      'achieved req/s': r.achievedRps,
      'p50 ms': r.p50,
      'p99 ms': r.p99,
      errors: r.errors,
      requests: r.requests,
    })),
  );
  const max = (target: string) => rows.find((r) => r.target === target && r.rate === 'max')?.achievedRps ?? 0;
  const bare = max('bare');
  console.log(
    `  signature, no database: ${((max('signature') / bare) * 100).toFixed(0)}% of the bare route (goal ≥ 40%)`,
  );
  console.log(
    `  CallRecap with the database: ${max('callrecap')} req/s sustained (goal ≥ 700), ${((max('callrecap') / bare) * 100).toFixed(0)}% of bare`,
  );
  const at500 = rows.find((r) => r.target === 'callrecap' && r.rate === '500/s');
  if (at500)
    console.log(`  CallRecap at 500/s: p99 ${at500.p99} ms (goal < 100), ${at500.errors} errors (goal 0)`);
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      only: { type: 'string' },
      seconds: { type: 'string', default: '10' },
      engagements: { type: 'string', default: '1000000' },
      rates: { type: 'string', default: '5,20,40' },
      'pipeline-seconds': { type: 'string', default: '30' },
      orgs: { type: 'string', default: '20' },
      'export-sizes': { type: 'string', default: '100000,1000000' },
    },
  });
  const seconds = Number(values.seconds);
  const want = (name: string) => !values.only || values.only.split(',').includes(name);
  if (want('ingest')) {
    const rows = await withBenchDatabase((ownerUrl) =>
      benchWebhookIngest({ ...process.env, DATABASE_URL: ownerUrl }, seconds),
    );
    printIngest(rows);
  }
  if (want('list')) {
    // The supervisor list and analytics at scale: N engagements in one organization, 20 others beside it.
    const engagements = Number(values.engagements);
    printAnalyticsList(await benchAnalyticsAndList({ engagements, otherOrgs: 20 }), engagements);
  }
  if (want('pipeline')) {
    // N calls end to end at fixed arrival rates, spread over `orgs` organizations.
    const options = {
      rates: values.rates.split(',').map(Number),
      seconds: Number(values['pipeline-seconds']),
      orgs: Number(values.orgs),
    };
    printPipeline(await withBenchDatabase((ownerUrl) => benchPipeline(ownerUrl, options)), options);
  }
  if (want('export')) {
    // The streamed export's memory, side by side for organizations of different sizes.
    const sizes = values['export-sizes'].split(',').map(Number);
    printExportMemory(await withBenchDatabase((ownerUrl) => benchExportMemory(ownerUrl, sizes)));
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
