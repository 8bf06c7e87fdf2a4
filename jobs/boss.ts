import { PgBoss } from 'pg-boss';
import type { Db as IDatabase } from 'pg-boss';
import postgres from 'postgres';
import { DRIVER_OPTIONS } from '../db/client';
import { DEAD_LETTER_QUEUE, QUEUE_NAMES, queues, schedules, type JobPayload, type QueueName } from './queues';

export const BOSS_SCHEMA = 'pgboss';

/**
 * Installs or upgrades pg-boss's schema and creates every queue, as the database owner (it runs DDL).
 * Then grants the app role what it needs to send and work jobs.
 */
export async function installJobQueues(ownerUrl: string, appRole: string): Promise<void> {
  const boss = new PgBoss({
    connectionString: ownerUrl,
    schema: BOSS_SCHEMA,
    max: 2,
    supervise: false,
    schedule: false,
  });
  boss.on('error', () => undefined);
  await boss.start();
  try {
    await ensureQueue(boss, DEAD_LETTER_QUEUE, {
      retryLimit: 0,
      retentionSeconds: 30 * 24 * 3600,
      deleteAfterSeconds: 30 * 24 * 3600,
    });
    for (const name of QUEUE_NAMES) {
      // notify: creating a job sends a NOTIFY in the creating transaction, waking idle workers at once.
      await ensureQueue(boss, name, { ...queues[name].options, deadLetter: DEAD_LETTER_QUEUE, notify: true });
    }
  } finally {
    await boss.stop({ graceful: false, close: true });
  }
  await grantJobAccess(ownerUrl, appRole);
}

// Any fixed number works; it only has to be the same for every process that installs on this database.
const GRANT_LOCK = 7_431_994;

async function grantJobAccess(ownerUrl: string, appRole: string): Promise<void> {
  const client = postgres(ownerUrl, { max: 1, ...DRIVER_OPTIONS });
  try {
    const schema = client(BOSS_SCHEMA);
    const role = client(appRole);
    // Concurrent GRANTs on the same objects fail with "tuple concurrently updated" (processes that start
    // together all install): they take turns under a lock that ends with the transaction.
    await client.begin(async (tx) => {
      await tx`select pg_advisory_xact_lock(${GRANT_LOCK})`;
      await tx`grant usage on schema ${schema} to ${role}`;
      await tx`grant select, insert, update, delete on all tables in schema ${schema} to ${role}`;
      await tx`grant usage, select on all sequences in schema ${schema} to ${role}`;
      await tx`grant execute on all functions in schema ${schema} to ${role}`;
    });
  } finally {
    await client.end({ timeout: 5 });
  }
}

async function ensureQueue(
  boss: PgBoss,
  name: string,
  options: Parameters<PgBoss['createQueue']>[1],
): Promise<void> {
  const existing = await boss.getQueue(name);
  if (existing) await boss.updateQueue(name, options);
  else await boss.createQueue(name, options);
}

export interface JobsOptions {
  /** Runs the schedules and maintenance; leave off for processes that only send jobs. */
  supervise: boolean;
  max?: number;
}

/** The runtime pg-boss, connected as the app role (migrations and queue DDL happened at install). */
export async function startBoss(appUrl: string, options: JobsOptions): Promise<PgBoss> {
  const boss = new PgBoss({
    connectionString: appUrl,
    schema: BOSS_SCHEMA,
    max: options.max ?? 5,
    migrate: false,
    createSchema: false,
    supervise: options.supervise,
    schedule: options.supervise,
    reindex: false,
    // Processes that supervise are the ones that run workers (runtime/start.ts): they listen for the
    // queues' NOTIFY (one connection), so a new job starts at once instead of at the next poll.
    useListenNotify: options.supervise,
    application_name: 'callrecap-jobs',
  });
  await boss.start();
  if (options.supervise) {
    for (const { queue, cron } of schedules) await boss.schedule(queue, cron, {}, { tz: 'UTC' });
  }
  return boss;
}

export interface SendOptions {
  /** Dedupe: pg-boss refuses a second job with the same key while one is queued or active. */
  singletonKey?: string;
  startAfter?: number | Date;
  /** Enqueue inside this transaction, so the job exists exactly when the caller's rows do. */
  tx?: postgres.TransactionSql;
}

export async function sendJob<Q extends QueueName>(
  boss: PgBoss,
  queue: Q,
  payload: JobPayload<Q>,
  options: SendOptions = {},
): Promise<string | null> {
  const data = queues[queue].payload.parse(payload);
  return boss.send(queue, data, {
    ...(options.singletonKey ? { singletonKey: options.singletonKey } : {}),
    ...(options.startAfter !== undefined ? { startAfter: options.startAfter } : {}),
    ...(options.tx ? { db: transactionExecutor(options.tx) } : {}),
  });
}

export function transactionExecutor(tx: postgres.TransactionSql): IDatabase {
  return {
    executeSql: async (text: string, values?: unknown[]) => ({
      rows: await tx.unsafe(text, (values ?? []) as postgres.ParameterOrJSON<never>[]),
    }),
  };
}
