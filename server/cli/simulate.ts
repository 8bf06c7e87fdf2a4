import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { parseArgs } from 'node:util';

/**
 * `npm run simulate -- --calls N [--interval-ms 1500] [--scenario billing] [--url http://localhost:3000]`
 * Plays realistic calls into a running CallRecap demo as Zoom would: the demo's built-in fake Zoom
 * creates each engagement and transcript and posts the signed webhooks; CallRecap fetches and summarizes.
 */
async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      calls: { type: 'string', default: '5' },
      'interval-ms': { type: 'string', default: '1500' },
      scenario: { type: 'string' },
      url: { type: 'string', default: `http://localhost:${process.env.PORT ?? '3000'}` },
    },
  });
  const calls = Number(values.calls);
  const intervalMs = Number(values['interval-ms']);
  if (!Number.isInteger(calls) || calls < 1 || calls > 500) throw new Error('--calls must be a whole number from 1 to 500');
  const demoFile = path.resolve(process.env.CALLRECAP_DATA_DIR ?? '.data', 'demo-zoom.json');
  const demo = await readFile(demoFile, 'utf8').catch(() => null);
  if (!demo) {
    throw new Error(`No demo Zoom found (${demoFile}). Start CallRecap with \`npm start\` (no ZOOM_CLIENT_ID set) in this folder first.`);
  }
  console.log(`Playing ${calls} call(s) into ${values.url} through the demo's fake Zoom…`);
  const response = await fetch(`${values.url}/dev/simulate`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ calls, intervalMs, ...(values.scenario ? { scenario: values.scenario } : {}) }),
    signal: AbortSignal.timeout(calls * (intervalMs + 10_000) + 30_000),
  }).catch((error: unknown) => {
    throw new Error(`CallRecap is not answering at ${values.url} (${String(error)}). Is \`npm start\` running?`);
  });
  const body = (await response.json()) as { played?: Array<{ engagementId: string; scenario: string; webhooks: number[] }>; error?: { message: string } };
  if (!response.ok || !body.played) throw new Error(body.error?.message ?? `Simulation failed with HTTP ${response.status}`);
  for (const call of body.played) {
    console.log(`  ${call.engagementId}  ${call.scenario.padEnd(16)} webhooks: ${call.webhooks.join(', ')}`);
  }
  console.log(`Done. Summaries appear at ${values.url}/app within seconds (offline summarizer).`);
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
