import { sql } from 'drizzle-orm';
import type { PgBoss } from 'pg-boss';
import type { Database } from '../../db/client';
import { withOrg } from '../../db/tenant';
import { transactionExecutor } from '../../jobs/boss';
import { queues } from '../../jobs/queues';

export interface IncomingDelivery {
  dedupeKey: string;
  event: string;
  zoomEngagementId: string;
}

export type DeliveryOutcome = 'accepted' | 'duplicate';

interface Pending extends IncomingDelivery {
  resolve: (outcome: DeliveryOutcome) => void;
  reject: (error: unknown) => void;
}

/** A batch is written after this long, or as soon as it is this big, whichever comes first. */
const MAX_WAIT_MS = 3;
const MAX_BATCH = 100;

/**
 * Group commit for webhook deliveries. During a burst, deliveries of one organization that arrive
 * within a few milliseconds are stored together: one transaction inserts their dedupe rows and
 * their jobs, so a delivery is still acknowledged only once it and its job are committed, but the
 * database sees a handful of statements per batch instead of five per delivery. When the
 * transaction fails, every delivery in it is rejected (the caller answers 5xx and Zoom retries).
 */
export class DeliveryBatcher {
  private readonly pending = new Map<string, Pending[]>();
  private readonly timers = new Map<string, NodeJS.Timeout>();

  constructor(
    private readonly db: Database,
    private readonly boss: PgBoss,
  ) {}

  store(orgId: string, delivery: IncomingDelivery): Promise<DeliveryOutcome> {
    return new Promise((resolve, reject) => {
      const batch = this.pending.get(orgId) ?? [];
      batch.push({ ...delivery, resolve, reject });
      this.pending.set(orgId, batch);
      if (batch.length >= MAX_BATCH) this.flush(orgId);
      else if (!this.timers.has(orgId)) this.timers.set(orgId, setTimeout(() => this.flush(orgId), MAX_WAIT_MS));
    });
  }

  private flush(orgId: string): void {
    clearTimeout(this.timers.get(orgId));
    this.timers.delete(orgId);
    const batch = this.pending.get(orgId) ?? [];
    this.pending.delete(orgId);
    if (batch.length > 0) void this.write(orgId, batch);
  }

  private async write(orgId: string, batch: Pending[]): Promise<void> {
    try {
      const accepted = await withOrg(this.db, orgId, async (tx) => {
        const keys = batch.map((d) => d.dedupeKey);
        const rows = JSON.stringify(batch.map((d) => ({ key: d.dedupeKey, event: d.event })));
        const inserted = await tx.execute<{ dedupe_key: string }>(sql`
          insert into webhook_deliveries (org_id, source, dedupe_key, event)
          select ${orgId}::uuid, 'zoom', key, event
          from jsonb_to_recordset(${rows}::jsonb) as input(key text, event text)
          on conflict do nothing
          returning dedupe_key`);
        const fresh = new Set(inserted.map((row) => row.dedupe_key));
        // The first of identical deliveries in one batch is the one that counts.
        const jobs = batch.filter((d, index) => fresh.has(d.dedupeKey) && keys.indexOf(d.dedupeKey) === index);
        if (jobs.length > 0) {
          await this.boss.insert(
            'engagement.process',
            jobs.map((d) => ({ data: queues['engagement.process'].payload.parse({ orgId, zoomEngagementId: d.zoomEngagementId }) })),
            { db: transactionExecutor(tx.$client) },
          );
        }
        return new Set(jobs);
      });
      for (const delivery of batch) delivery.resolve(accepted.has(delivery) ? 'accepted' : 'duplicate');
    } catch (error) {
      for (const delivery of batch) delivery.reject(error);
    }
  }
}
