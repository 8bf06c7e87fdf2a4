import { createHmac } from 'node:crypto';
import type { Database } from '../../db/client';
import type { Clock } from '../clock';

/**
 * Rate-limit counters in Postgres, so a limit holds across every web process. The methods follow
 * express-rate-limit's `Store` interface (increment / decrement / resetKey, `init` with the window),
 * so this store can back that package unchanged if it becomes a dependency.
 *
 * One row per key: the window starts at the key's first hit and every hit is one atomic upsert,
 * which starts a new window once the old one has passed. Keys are stored as an HMAC, so the table
 * holds no user, organization or IP. Rows of passed windows are deleted at most once a window.
 */

export interface ClientRateLimitInfo {
  totalHits: number;
  resetTime: Date | undefined;
}

export interface RateLimitStore {
  init?(options: { windowMs: number }): void;
  increment(key: string): Promise<ClientRateLimitInfo>;
  decrement(key: string): Promise<void>;
  resetKey(key: string): Promise<void>;
  prefix?: string;
  localKeys?: boolean;
}

export interface PostgresRateLimitStoreOptions {
  db: Database;
  /** Names the limit, so the same user counted by two limits gets two counters. */
  prefix: string;
  /** Keys the HMAC over stored keys (a deployment secret: digests of IPs cannot be reversed by guessing). */
  secret: string;
  clock: Clock;
}

export class PostgresRateLimitStore implements RateLimitStore {
  readonly localKeys = false;
  readonly prefix: string;
  private windowMs = 60_000;
  private lastCleanup = 0;
  private readonly hashKey: Buffer;

  constructor(private readonly options: PostgresRateLimitStoreOptions) {
    this.prefix = options.prefix;
    this.hashKey = createHmac('sha256', options.secret).update('callrecap rate-limit keys').digest();
  }

  init(options: { windowMs: number }): void {
    this.windowMs = options.windowMs;
  }

  async increment(key: string): Promise<ClientRateLimitInfo> {
    const now = this.options.clock.now().getTime();
    await this.deleteExpiredIfDue(now);
    const sql = this.options.db.$client;
    // Timestamps go to the driver as ISO strings (db/client.ts); the reset comes back as epoch ms.
    const [row] = await sql<{ hits: number; resets_at_ms: number }[]>`
      insert into rate_limit_counters as c (key, hits, resets_at)
      values (${this.digest(key)}, 1, ${new Date(now + this.windowMs).toISOString()}::timestamptz)
      on conflict (key) do update set
        hits = case when c.resets_at > ${new Date(now).toISOString()}::timestamptz then c.hits + 1 else 1 end,
        resets_at = case when c.resets_at > ${new Date(now).toISOString()}::timestamptz then c.resets_at else excluded.resets_at end
      returning hits, (extract(epoch from resets_at) * 1000)::float8 as resets_at_ms`;
    return { totalHits: row!.hits, resetTime: new Date(row!.resets_at_ms) };
  }

  async decrement(key: string): Promise<void> {
    const now = new Date(this.options.clock.now()).toISOString();
    await this.options.db.$client`
      update rate_limit_counters set hits = greatest(hits - 1, 0) where key = ${this.digest(key)} and resets_at > ${now}::timestamptz`;
  }

  async resetKey(key: string): Promise<void> {
    await this.options.db.$client`delete from rate_limit_counters where key = ${this.digest(key)}`;
  }

  /** Deletes every counter whose window has passed (of any limit: they share the table). */
  async deleteExpired(now: Date = this.options.clock.now()): Promise<number> {
    const deleted = await this.options.db.$client`delete from rate_limit_counters where resets_at <= ${now.toISOString()}::timestamptz`;
    return deleted.count;
  }

  private async deleteExpiredIfDue(now: number): Promise<void> {
    if (now - this.lastCleanup < this.windowMs) return;
    this.lastCleanup = now;
    await this.deleteExpired(new Date(now));
  }

  private digest(key: string): Buffer {
    return createHmac('sha256', this.hashKey).update(`${this.prefix}\u0000${key}`).digest();
  }
}
