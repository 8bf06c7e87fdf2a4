import { timingSafeEqual } from 'node:crypto';
import { Router } from 'express';
import type { PgBoss } from 'pg-boss';
import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';
import { QUEUE_NAMES, DEAD_LETTER_QUEUE } from '../../jobs/queues';

/** Prometheus metrics for one process. Labels are route patterns and outcomes, never ids or personal data. */
export function createMetrics() {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry, prefix: 'callrecap_process_' });
  return {
    registry,
    httpDuration: new Histogram({
      name: 'callrecap_http_request_duration_seconds',
      help: 'HTTP request latency by route pattern',
      labelNames: ['method', 'route', 'status'] as const,
      buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5],
      registers: [registry],
    }),
    webhooks: new Counter({
      name: 'callrecap_webhooks_total',
      help: 'Webhook deliveries by source and result',
      labelNames: ['source', 'result'] as const,
      registers: [registry],
    }),
    jobDuration: new Histogram({
      name: 'callrecap_job_duration_seconds',
      help: 'Job run time by queue and outcome',
      labelNames: ['queue', 'outcome'] as const,
      buckets: [0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 120],
      registers: [registry],
    }),
    queueDepth: new Gauge({
      name: 'callrecap_queue_depth',
      help: 'Jobs waiting (queued) per queue',
      labelNames: ['queue'] as const,
      registers: [registry],
    }),
    aiTokens: new Counter({
      name: 'callrecap_ai_tokens_total',
      help: 'AI tokens used by provider and direction',
      labelNames: ['provider', 'direction'] as const,
      registers: [registry],
    }),
    aiLatency: new Histogram({
      name: 'callrecap_ai_latency_seconds',
      help: 'Time the summarizer took per summary',
      labelNames: ['provider'] as const,
      buckets: [0.01, 0.05, 0.1, 0.5, 1, 2.5, 5, 10, 30, 60],
      registers: [registry],
    }),
    crmCalls: new Counter({
      name: 'callrecap_crm_calls_total',
      help: 'CRM sync attempts by CRM and result',
      labelNames: ['crm', 'result'] as const,
      registers: [registry],
    }),
  };
}

export type Metrics = ReturnType<typeof createMetrics>;

/**
 * GET /metrics. With METRICS_TOKEN it needs `Authorization: Bearer <token>`; without one (development)
 * it answers loopback requests only. Queue depth is read at scrape time.
 */
export function metricsRoutes(metrics: Metrics, boss: PgBoss, token: string | undefined): Router {
  const router = Router();
  router.get('/metrics', async (req, res) => {
    if (!allowed(req.header('authorization'), req.socket.remoteAddress, token)) {
      res.status(token ? 401 : 403).json({ error: { code: 'forbidden', message: 'Metrics need the bearer token (METRICS_TOKEN).' } });
      return;
    }
    const queues = await boss.getQueues([...QUEUE_NAMES, DEAD_LETTER_QUEUE]).catch(() => []);
    for (const queue of queues) metrics.queueDepth.set({ queue: queue.name }, queue.queuedCount ?? 0);
    res.setHeader('Content-Type', metrics.registry.contentType);
    res.setHeader('Cache-Control', 'no-store');
    res.send(await metrics.registry.metrics());
  });
  return router;
}

function allowed(authorization: string | undefined, remote: string | undefined, token: string | undefined): boolean {
  if (!token) return remote === '127.0.0.1' || remote === '::1' || remote === '::ffff:127.0.0.1';
  const given = Buffer.from(authorization?.replace(/^Bearer\s+/i, '') ?? '');
  const expected = Buffer.from(token);
  return given.length === expected.length && timingSafeEqual(given, expected);
}
