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

/** Runs a queue's handler with its payload validated; a throw hands the job back to pg-boss to retry. */
export async function registerWorker<Q extends QueueName>(
  boss: PgBoss,
  queue: Q,
  handler: JobHandler<Q>,
  options: WorkerOptions,
): Promise<string> {
  return boss.work(
    queue,
    { batchSize: 1, localConcurrency: options.concurrency, pollingIntervalSeconds: 1, includeMetadata: true },
    async (jobs: JobWithMetadata<JobPayload<Q>>[]) => {
      for (const job of jobs) {
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
      }
    },
  );
}
