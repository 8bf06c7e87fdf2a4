import { spawn, type ChildProcess } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { createInterface } from 'node:readline';
import { setTimeout as sleep } from 'node:timers/promises';
import { fileURLToPath } from 'node:url';
import type { PgBoss } from 'pg-boss';
import postgres from 'postgres';
import { z } from 'zod';
import { sendJob, startBoss } from '../../jobs/boss';
import { buildServer } from '../../server/build';

/**
 * The organization export at scale: organizations of 100,000 and 1,000,000 summaries (each with its
 * engagement and versions; about one summary in five edited once) are bulk-loaded in SQL, then a
 * worker process started as `npm run start:worker` starts it (the compiled server, `--role worker`)
 * runs `account.export` for each, queued from here as a web process queues it, while this process
 * samples the worker's resident set size from /proc every 50 ms. Goal: peak RSS under 256 MB and the
 * same for both sizes (the export streams, so memory must not grow with the organization).
 */

export interface ExportMemoryRow {
  summaries: number;
  fileMb: number;
  seconds: number;
  baselineRssMb: number;
  peakRssMb: number;
}

const GOAL_MB = 256;

async function rssMb(pid: number): Promise<number> {
  const status = await readFile(`/proc/${pid}/status`, 'utf8');
  const kb = Number(/VmRSS:\s+(\d+) kB/.exec(status)?.[1] ?? Number.NaN);
  return Math.round((kb / 1024) * 10) / 10;
}

/** One organization of `summaries` engagements, summaries and versions, loaded in a few statements. */
async function loadOrganization(owner: postgres.Sql, summaries: number, log: (line: string) => void): Promise<string> {
  const orgId = randomUUID();
  const started = Date.now();
  await owner.begin(async (sql) => {
    // Foreign keys and triggers are skipped while loading rows generated consistent (superuser only).
    const [role] = await sql<{ super: boolean }[]>`select rolsuper as super from pg_roles where rolname = current_user`;
    if (role?.super) await sql`set local session_replication_role = replica`;
    await sql`select set_config('app.org_id', ${orgId}, true)`;
    await sql`insert into organizations (id, zoom_account_id, name) values (${orgId}, ${'acct-export-' + summaries}, ${'Export ' + summaries})`;
    await sql`insert into engagements (org_id, zoom_engagement_id, queue_name, agents, consumer_number, consumer_email, consumer_name,
        started_at, ended_at, activity_at, duration_seconds, status, transcript_status)
      select ${orgId}, 'eng-' || lpad(g::text, 7, '0'), 'Support', '[{"zoomUserId":"zu-1","name":"Agent One"}]'::jsonb,
        '+1555' || lpad(g::text, 7, '0'), 'caller' || g || '@example.com', 'Caller ' || g,
        now() - g * interval '1 minute', now() - g * interval '1 minute' + interval '5 minutes', now() - g * interval '1 minute' + interval '5 minutes',
        300 + g % 600, 'ended', 'processed'
      from generate_series(1, ${summaries}) g`;
    await sql`insert into summaries (org_id, engagement_id, status, current_version, category, sentiment_label, sentiment_score, outcome_status,
        provider, model, input_tokens, output_tokens, cost_usd, ready_at)
      select ${orgId}, id, 'ready', 1, 'Billing', 'neutral', 0.1, 'resolved', 'openai', 'gpt-4o-mini', 1800, 350, '0.000480', now()
      from engagements where org_id = ${orgId}`;
    // About 1 KB of content each, like a real summary; about one in five (3 of 16 uuid digits) edited once.
    await sql`insert into summary_versions (org_id, summary_id, version, content, source)
      select ${orgId}, s.id, v.version, jsonb_build_object(
        'reason', 'Customer called about invoice ' || s.id || ' and asked why the amount changed this month.',
        'keyPoints', jsonb_build_array(repeat('The agent walked through the invoice lines and the proration. ', 4), repeat('A credit was applied. ', 6), 'Customer agreed.'),
        'outcome', jsonb_build_object('status', 'resolved', 'detail', repeat('Explained and credited. ', 5)),
        'actionItems', jsonb_build_array(jsonb_build_object('owner', 'agent', 'text', 'Send a copy of the corrected invoice by email.')),
        'sentiment', jsonb_build_object('label', 'neutral', 'score', 0.1),
        'category', 'Billing', 'contact', jsonb_build_object('email', 'caller@example.com')),
        case v.version when 1 then 'ai' else 'edit' end
      from summaries s cross join lateral (select 1 as version union all select 2 where s.engagement_id::text < '3') v
      where s.org_id = ${orgId}`;
    await sql`update summaries set current_version = 2 where org_id = ${orgId} and engagement_id::text < '3'`;
  });
  await owner`vacuum analyze engagements, summaries, summary_versions`;
  log(`  loaded ${summaries.toLocaleString('en-US')} summaries in ${((Date.now() - started) / 1000).toFixed(0)} s`);
  return orgId;
}

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
/** What server/main.ts logs once a worker's queues are registered. */
const WORKER_READY_LOG = 'CallRecap worker is running';

/** The command `npm run start:worker` runs, read from package.json so the bench cannot drift from it. */
async function startWorkerArgs(): Promise<string[]> {
  const { scripts } = z
    .object({ scripts: z.object({ 'start:worker': z.string() }) })
    .parse(JSON.parse(await readFile(path.join(ROOT, 'package.json'), 'utf8')));
  const [command, ...args] = scripts['start:worker'].trim().split(/\s+/);
  if (command !== 'node') throw new Error(`start:worker should run node, not "${scripts['start:worker']}"`);
  return args;
}

/** The worker as `npm run start:worker` starts it after its build: same node flags, same entry. */
async function startWorker(env: NodeJS.ProcessEnv): Promise<ChildProcess> {
  const child = spawn(process.execPath, await startWorkerArgs(), { cwd: ROOT, env, stdio: ['ignore', 'pipe', 'inherit'] });
  // Read for as long as the worker runs, so its logs never fill the pipe and stall it.
  const logLines = createInterface({ input: child.stdout });
  await new Promise<void>((resolve, reject) => {
    const exited = (code: number | null) => reject(new Error(`the export worker exited with ${code} before it was ready`));
    child.once('exit', exited);
    logLines.on('line', (line) => {
      if (!line.includes(WORKER_READY_LOG)) return;
      child.off('exit', exited);
      resolve();
    });
  });
  return child;
}

/** Queues the export and samples the worker's RSS until the file is ready. */
async function measureExport(owner: postgres.Sql, boss: PgBoss, worker: ChildProcess, orgId: string, summaries: number): Promise<ExportMemoryRow> {
  const exportId = randomUUID();
  await owner`insert into data_exports (id, org_id, status) values (${exportId}, ${orgId}, 'queued')`;
  await sleep(3000); // let the worker settle after start or the previous export
  const baselineRssMb = await rssMb(worker.pid!);
  let peakRssMb = baselineRssMb;
  let sampling = true;
  const sampler = (async () => {
    while (sampling) {
      peakRssMb = Math.max(peakRssMb, await rssMb(worker.pid!));
      await sleep(50);
    }
  })();
  const started = performance.now();
  await sendJob(boss, 'account.export', { orgId, exportId });
  let row: { status: string; bytes: number | null; file_path: string | null } | undefined;
  for (;;) {
    [row] = await owner<{ status: string; bytes: number | null; file_path: string | null }[]>`select status, bytes, file_path from data_exports where id = ${exportId}`;
    if (row && ['ready', 'failed'].includes(row.status)) break;
    await sleep(100);
  }
  const seconds = (performance.now() - started) / 1000;
  sampling = false;
  await sampler;
  if (row.status !== 'ready') throw new Error(`the export of ${summaries} summaries failed`);
  if (row.file_path) await rm(row.file_path, { force: true });
  return { summaries, fileMb: Math.round(Number(row.bytes) / 1e6), seconds: Math.round(seconds * 10) / 10, baselineRssMb, peakRssMb };
}

export async function benchExportMemory(ownerUrl: string, sizes: number[], log: (line: string) => void = console.log): Promise<ExportMemoryRow[]> {
  log('Export memory: building the server (npm run build:server)...');
  await buildServer();
  const dataDir = await mkdtemp(path.join(tmpdir(), 'callrecap-bench-export-'));
  const owner = postgres(ownerUrl, { max: 1, onnotice: () => undefined });
  // Started first: it migrates the database and installs the job queues, as a deploy does. NODE_ENV=test
  // only spares it production's secrets; LOG_LEVEL=info for its ready line.
  const worker = await startWorker({
    ...process.env,
    NODE_ENV: 'test',
    LOG_LEVEL: 'info',
    DEMO_MODE: 'false',
    DATABASE_URL: ownerUrl,
    CALLRECAP_DATA_DIR: dataDir,
  });
  let boss: PgBoss | undefined;
  try {
    boss = await startBoss(ownerUrl, { supervise: false, max: 1 });
    log(`Export memory: loading ${sizes.map((n) => n.toLocaleString('en-US')).join(' and ')} summaries...`);
    const orgs = [];
    for (const size of sizes) orgs.push({ size, orgId: await loadOrganization(owner, size, log) });
    const rows: ExportMemoryRow[] = [];
    for (const { size, orgId } of orgs) rows.push(await measureExport(owner, boss, worker, orgId, size));
    return rows;
  } finally {
    await boss?.stop({ graceful: false, close: true });
    await new Promise<void>((resolve) => {
      worker.once('exit', () => resolve());
      worker.kill('SIGTERM');
    });
    await owner.end({ timeout: 5 });
    await rm(dataDir, { recursive: true, force: true });
  }
}

export function printExportMemory(rows: ExportMemoryRow[]): void {
  console.log(`\nExport memory (account.export in a worker process; RSS sampled every 50 ms; goal: peak < ${GOAL_MB} MB, flat with size)`);
  console.table(
    rows.map((r) => ({
      summaries: r.summaries,
      'file MB': r.fileMb,
      seconds: r.seconds,
      'RSS before MB': r.baselineRssMb,
      'peak RSS MB': r.peakRssMb,
      goal: r.peakRssMb < GOAL_MB ? 'ok' : 'MISSED',
    })),
  );
}
