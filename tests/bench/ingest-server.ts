import express from 'express';
import { loadConfig } from '../../server/config';
import { findOrCreateOrg } from '../../server/orgs/organizations';
import { startCallRecap } from '../../server/runtime/start';
import { classifyEvent, parseZoomWebhook } from '../../server/zoom/events';
import { SIGNATURE_HEADER, TIMESTAMP_HEADER, verifyZoomWebhook } from '../../server/zoom/webhook-signature';
import { BENCH_ACCOUNT, BENCH_SECRET } from './constants';

/**
 * A server for the ingest benchmark, in its own process so the load generator does not share its
 * event loop. Modes: `bare` (Express returning the same JSON), `signature` (verification and parsing,
 * no database), `callrecap` (the real app: verification, dedupe row and job in one transaction).
 */

async function main(): Promise<void> {
  const mode = process.env.BENCH_MODE;
  const port = Number(process.env.BENCH_PORT);
  const ready = (url: string) => process.send?.({ ready: url });
  if (mode === 'bare' || mode === 'signature') {
    const app = express();
    app.post('/webhooks/zoom', express.raw({ type: () => true, limit: '256kb' }), (req, res) => {
      if (mode === 'signature') {
        const rawBody = req.body as Buffer;
        const check = verifyZoomWebhook({ rawBody, timestamp: req.headers[TIMESTAMP_HEADER], signature: req.headers[SIGNATURE_HEADER], secretToken: BENCH_SECRET });
        if (!check.ok) return void res.status(401).json({ error: check.reason });
        const parsed = parseZoomWebhook(rawBody);
        if (!parsed.ok) return void res.status(400).json({ error: parsed.reason });
        classifyEvent(parsed.envelope);
      }
      res.json({ status: 'accepted' });
    });
    const server = app.listen(port, '127.0.0.1', () => ready(`http://127.0.0.1:${port}`));
    process.on('SIGTERM', () => server.close(() => process.exit(0)));
    return;
  }
  const config = loadConfig({
    ...process.env,
    NODE_ENV: 'test',
    PORT: String(port),
    LOG_LEVEL: 'silent',
    DEMO_MODE: 'false',
    ZOOM_WEBHOOK_SECRET_TOKEN: BENCH_SECRET,
    DATABASE_POOL_MAX: '20',
  });
  const running = await startCallRecap(config, { role: 'web', client: 'none' });
  await findOrCreateOrg(running.services.db, { zoomAccountId: BENCH_ACCOUNT, name: 'Benchmark Org' });
  ready(running.url!);
  process.on('SIGTERM', () => {
    void running.stop('bench done').then(() => process.exit(0));
  });
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
