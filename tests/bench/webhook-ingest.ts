import { fork, type ChildProcess } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { fileURLToPath } from 'node:url';
import autocannon from 'autocannon';
import { signZoomWebhook } from '../../server/zoom/webhook-signature';
import { freePort } from '../../db/embedded';
import { BENCH_ACCOUNT, BENCH_SECRET } from './constants';

export interface IngestRow {
  target: string;
  rate: string;
  requests: number;
  p50: number;
  p99: number;
  errors: number;
  achievedRps: number;
}

async function startServer(mode: 'bare' | 'signature' | 'callrecap', env: NodeJS.ProcessEnv): Promise<{ url: string; child: ChildProcess }> {
  const port = await freePort();
  const child = fork(fileURLToPath(new URL('./ingest-server.ts', import.meta.url)), [], {
    env: { ...env, BENCH_MODE: mode, BENCH_PORT: String(port) },
    execArgv: ['--import', 'tsx'],
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  const url = await new Promise<string>((resolve, reject) => {
    child.once('message', (message: { ready?: string }) => (message.ready ? resolve(message.ready) : reject(new Error('bad message'))));
    child.once('exit', (code) => reject(new Error(`${mode} server exited with ${code}`)));
  });
  return { url, child };
}

async function stopServer(child: ChildProcess): Promise<void> {
  await new Promise<void>((resolve) => {
    child.once('exit', () => resolve());
    child.kill('SIGTERM');
  });
}

/** Each request is a distinct engagement_ended event, signed with a current timestamp. */
function signedRequest(): { body: string; headers: Record<string, string> } {
  const now = Date.now();
  const body = JSON.stringify({
    event: 'contact_center.engagement_ended',
    event_ts: now,
    payload: { account_id: BENCH_ACCOUNT, object: { engagement_id: randomUUID(), channel: 'voice', direction: 'inbound' } },
  });
  const timestamp = Math.floor(now / 1000);
  return {
    body,
    headers: { 'content-type': 'application/json', 'x-zm-request-timestamp': String(timestamp), 'x-zm-signature': signZoomWebhook(body, BENCH_SECRET, timestamp) },
  };
}

async function load(url: string, options: { rate?: number; seconds: number; connections: number }): Promise<autocannon.Result> {
  return autocannon({
    url: `${url}/webhooks/zoom`,
    method: 'POST',
    connections: options.connections,
    duration: options.seconds,
    ...(options.rate ? { overallRate: options.rate } : {}),
    requests: [
      {
        setupRequest: (request) => {
          const { body, headers } = signedRequest();
          return { ...request, method: 'POST', body, headers };
        },
      },
    ],
  });
}

function row(target: string, rate: string, result: autocannon.Result): IngestRow {
  return {
    target,
    rate,
    requests: result.requests.total,
    p50: result.latency.p50,
    p99: result.latency.p99,
    errors: result.errors + result.non2xx + result.timeouts,
    achievedRps: Math.round(result.requests.average),
  };
}

/** Measures the three servers side by side in one run: fixed rates, then the maximum sustained rate. */
export async function benchWebhookIngest(env: NodeJS.ProcessEnv, seconds = 10): Promise<IngestRow[]> {
  const rows: IngestRow[] = [];
  for (const mode of ['bare', 'signature', 'callrecap'] as const) {
    const { url, child } = await startServer(mode, env);
    try {
      await load(url, { seconds: 2, connections: 10 }); // warm-up: JIT, pools
      for (const rate of [500, 1000]) rows.push(row(mode, `${rate}/s`, await load(url, { rate, seconds, connections: 50 })));
      rows.push(row(mode, 'max', await load(url, { seconds, connections: 50 })));
    } finally {
      await stopServer(child);
    }
  }
  return rows;
}
