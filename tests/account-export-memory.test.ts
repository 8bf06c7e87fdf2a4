import { mkdtemp, readFile, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { randomUUID } from 'node:crypto';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { accountExportHandler } from '../jobs/handlers/account-export';
import { startTestApp, type TestApp } from './helpers/app';

/**
 * An export streams: an organization with 50,000 summaries (about 100 MB of JSON) is written with
 * the heap growing by a small, fixed amount, because rows are read in batches and written with
 * backpressure. Buffering the file, or even one table, would exceed the bound several times over.
 */

const SUMMARIES = 50_000;
const HEAP_BOUND_BYTES = 64 * 1024 * 1024;

setFlagsFromString('--expose-gc');
const gc = runInNewContext('gc') as () => void;

let dataDir: string;
let app: TestApp;
const orgId = randomUUID();
const exportId = randomUUID();

beforeAll(async () => {
  dataDir = await mkdtemp(path.join(tmpdir(), 'callrecap-export-memory-'));
  app = await startTestApp({ env: { CALLRECAP_DATA_DIR: dataDir }, start: { role: 'web' } });
  const owner = app.database.owner;
  await owner`insert into organizations (id, zoom_account_id, name) values (${orgId}, 'acct-memory', 'Big Org')`;
  await owner`insert into engagements (org_id, zoom_engagement_id, queue_name, agents, consumer_number, consumer_email, duration_seconds, status, transcript_status)
    select ${orgId}, 'eng-' || lpad(g::text, 6, '0'), 'Support', '[{"zoomUserId":"zu-1","name":"Agent One"}]'::jsonb,
      '+1555' || lpad(g::text, 7, '0'), 'caller' || g || '@example.com', 300 + g % 600, 'ended', 'processed'
    from generate_series(1, ${SUMMARIES}) g`;
  await owner`insert into summaries (org_id, engagement_id, status, current_version, category, sentiment_label, sentiment_score, outcome_status, provider, model, input_tokens, output_tokens, cost_usd, ready_at)
    select ${orgId}, id, 'ready', 1, 'Billing', 'neutral', 0.1, 'resolved', 'openai', 'gpt-4o-mini', 1800, 350, '0.000480', now()
    from engagements where org_id = ${orgId}`;
  // About 1 KB of summary content each, like a real one.
  await owner`insert into summary_versions (org_id, summary_id, version, content, source)
    select ${orgId}, id, 1, jsonb_build_object(
      'reason', 'Customer called about invoice ' || id || ' and asked why the amount changed this month.',
      'keyPoints', jsonb_build_array(repeat('The agent walked through the invoice lines and the proration. ', 4), repeat('A credit was applied. ', 6), 'Customer agreed.'),
      'outcome', jsonb_build_object('status', 'resolved', 'detail', repeat('Explained and credited. ', 5)),
      'actionItems', jsonb_build_array(jsonb_build_object('owner', 'agent', 'text', 'Send a copy of the corrected invoice by email.')),
      'sentiment', jsonb_build_object('label', 'neutral', 'score', 0.1),
      'category', 'Billing', 'contact', jsonb_build_object('email', 'caller@example.com')), 'ai'
    from summaries where org_id = ${orgId}`;
  await owner`insert into data_exports (id, org_id, status) values (${exportId}, ${orgId}, 'queued')`;
}, 120_000);

afterAll(async () => {
  await app.close();
  await rm(dataDir, { recursive: true, force: true });
});

describe('export memory', () => {
  it(`exports ${SUMMARIES.toLocaleString('en-US')} summaries with the heap growing less than 64 MB`, async () => {
    const services = app.running.services;
    const handler = accountExportHandler(services);
    gc();
    const baseline = process.memoryUsage().heapUsed;
    // Sampled while the job runs, each time after a full collection: what the job holds on to, not
    // the garbage V8 lets pile up (without forced collections it waits until ~150 MB before a major GC).
    const samples: number[] = [];
    const sampler = setInterval(() => {
      gc();
      samples.push(process.memoryUsage().heapUsed - baseline);
    }, 250);
    const started = Date.now();
    try {
      await handler({ orgId, exportId }, { id: 'memory', signal: new AbortController().signal, log: services.log, isLastAttempt: true, retryCount: 0 });
    } finally {
      clearInterval(sampler);
    }
    const growth = Math.max(...samples);

    const [row] = await app.database.owner`select status, bytes from data_exports where id = ${exportId}`;
    expect(row!.status).toBe('ready');
    const file = path.join(dataDir, 'exports', orgId, `${exportId}.json`);
    const size = (await stat(file)).size;
    console.info(
      `export of ${SUMMARIES} summaries: ${(size / 1e6).toFixed(1)} MB written in ${((Date.now() - started) / 1000).toFixed(1)} s, ` +
        `peak heap growth ${(growth / 1024 / 1024).toFixed(1)} MB over ${samples.length} samples (bound ${HEAP_BOUND_BYTES / 1024 / 1024} MB)`,
    );
    // The file is bigger than the bound: holding it in memory could not pass.
    expect(size).toBeGreaterThan(HEAP_BOUND_BYTES);
    expect(samples.length).toBeGreaterThan(3);
    expect(growth).toBeLessThan(HEAP_BOUND_BYTES);

    const parsed = JSON.parse(await readFile(file, 'utf8')) as { engagements: unknown[]; summaries: Array<{ versions: unknown[] }> };
    expect(parsed.engagements).toHaveLength(SUMMARIES);
    expect(parsed.summaries).toHaveLength(SUMMARIES);
    expect(parsed.summaries.every((s) => s.versions.length === 1)).toBe(true);
  }, 300_000);
});
