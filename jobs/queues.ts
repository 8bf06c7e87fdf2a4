import { z } from 'zod';

/**
 * Every queue, its payload and its retry policy. Payloads carry ids only: never a transcript,
 * a token or personal data (pg-boss stores them in Postgres).
 */

const id = z.string().min(1).max(200);
const orgId = z.string().uuid();

export const DEAD_LETTER_QUEUE = 'dead-letter';

export const queues = {
  /** Fetch an engagement from Zoom, fetch its transcript, summarize it in memory. */
  'engagement.process': {
    payload: z.object({ orgId, zoomEngagementId: id }),
    options: { retryLimit: 6, retryDelay: 20, retryBackoff: true, retryDelayMax: 900, expireInSeconds: 300, heartbeatSeconds: 30 },
  },
  /** Write an approved (or auto-synced) summary to one CRM. */
  'crm.sync': {
    payload: z.object({ orgId, engagementId: z.string().uuid(), crmKind: z.enum(['hubspot', 'salesforce']) }),
    options: { retryLimit: 8, retryDelay: 15, retryBackoff: true, retryDelayMax: 1800, expireInSeconds: 120, heartbeatSeconds: 20 },
  },
  /** List recent engagements per organization and queue what webhooks missed. */
  'zoom.reconcile': {
    payload: z.object({ orgId: orgId.optional() }),
    options: { retryLimit: 2, retryDelay: 60, expireInSeconds: 600, heartbeatSeconds: 60 },
  },
  /** Build a JSON export file for an organization. */
  'account.export': {
    payload: z.object({ orgId, exportId: z.string().uuid() }),
    options: { retryLimit: 2, retryDelay: 30, expireInSeconds: 3600, heartbeatSeconds: 60 },
  },
  /** Rebuild the analytics rollup's dirty days: every organization when scheduled, or one. */
  'analytics.rollup': {
    payload: z.object({ orgId: orgId.optional() }),
    options: { retryLimit: 2, retryDelay: 30, expireInSeconds: 900, heartbeatSeconds: 60 },
  },
  /** Permanently delete organizations whose 30-day grace period has ended; expire old export files. */
  'account.purge': {
    payload: z.object({}),
    options: { retryLimit: 3, retryDelay: 300, expireInSeconds: 3600, heartbeatSeconds: 60 },
  },
} as const;

export type QueueName = keyof typeof queues;
export type JobPayload<Q extends QueueName> = z.infer<(typeof queues)[Q]['payload']>;

export const QUEUE_NAMES = Object.keys(queues) as QueueName[];

/** Recurring jobs (cron, UTC). */
export const schedules: Array<{ queue: QueueName; cron: string }> = [
  { queue: 'zoom.reconcile', cron: '*/15 * * * *' },
  { queue: 'account.purge', cron: '17 * * * *' },
  { queue: 'analytics.rollup', cron: '* * * * *' },
];
