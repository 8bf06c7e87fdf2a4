import type { PgBoss, JobWithMetadata } from 'pg-boss';
import type { Logger } from 'pino';
import { queues, type JobPayload, type QueueName } from './queues';

export interface JobContext {
  id: string;
  /** Aborted when the job expires or the worker stops: long handlers pass it to their I/O. */
  signal: AbortSignal;
  log: Logger;
  /** True on the final attempt: a handler records a permanent failure instead of throwing again. */
  isLastAttempt: boolean;
  retryCount: number;
}

export type JobHandler<Q extends QueueName> = (payload: JobPayload<Q>, context: JobContext) => Promise<void>;

export interface WorkerOptions {
  concurrency: number;
  log: Logger;
  observe?: (queue: QueueName, outcome: 'completed' | 'failed', seconds: number) => void;
}

/**
 * Runs a queue's handler with its payload validated; a throw hands the job back to pg-boss to retry.
 *
 * pg-boss waits out its polling interval after every fetch, even one that brought a job, so a slot
 * with batchSize 1 ran at most one job a second however deep the queue (4 summaries a second per
 * process; the pipeline benchmark found calls waiting 40 s at 20 calls/s). So each slot is its own
 * pg-boss worker that wakes itself once its job is done: a busy slot fetches the next job at once and
 * only an empty fetch sleeps, until the poll or a NOTIFY from a new job (queues opt in, see boss.ts).
 * Resolves to the slots' worker ids.
 */
export async function registerWorker<Q extends QueueName>(
  boss: PgBoss,
  queue: Q,
  handler: JobHandler<Q>,
  options: WorkerOptions,
): Promise<string[]> {
  const run = async (job: JobWithMetadata<JobPayload<Q>>) => {
    const log = options.log.child({ queue, jobId: job.id });
    const started = process.hrtime.bigint();
    const payload = queues[queue].payload.parse(job.data) as JobPayload<Q>;
    try {
      const isLastAttempt = job.retryCount >= job.retryLimit;
      await handler(payload, { id: job.id, signal: job.signal, log, isLastAttempt, retryCount: job.retryCount });
      options.observe?.(queue, 'completed', Number(process.hrtime.bigint() - started) / 1e9);
    } catch (error) {
      options.observe?.(queue, 'failed', Number(process.hrtime.bigint() - started) / 1e9);
      log.warn({ err: error }, 'job failed');
      throw error;
    }
  };
  const ids: string[] = [];
  for (let slot = 0; slot < options.concurrency; slot++) {
    const self: { id?: string } = {};
    self.id = await boss.work(
      queue,
      // With NOTIFY a new job wakes a sleeping slot at once; polling stays every second either way
      // for jobs that become due later (retries, Retry-After) and in case the listener is down.
      { batchSize: 1, pollingIntervalSeconds: 1, notifyPollingIntervalSeconds: 1, includeMetadata: true },
      async (jobs: JobWithMetadata<JobPayload<Q>>[]) => {
        try {
          for (const job of jobs) await run(job);
        } finally {
          if (jobs.length > 0 && self.id) boss.notifyWorker(self.id);
        }
      },
    );
    ids.push(self.id);
  }
  return ids;
}
