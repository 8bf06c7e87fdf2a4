import { EventEmitter } from 'node:events';
import type { Database } from '../../db/client';

export const ENGAGEMENT_CHANNEL = 'callrecap_engagement';

/**
 * Fans Postgres NOTIFY messages (sent on commit by whichever process changed an engagement) out to
 * this process's server-sent-event subscribers. One LISTEN connection per web process, opened lazily.
 */
export class LiveUpdates {
  private readonly emitter = new EventEmitter();
  private listening: Promise<unknown> | null = null;

  constructor(private readonly db: Database) {
    this.emitter.setMaxListeners(0);
  }

  async subscribe(orgId: string, engagementId: string, onChange: () => void): Promise<() => void> {
    this.listening ??= this.db.$client.listen(ENGAGEMENT_CHANNEL, (payload) => this.emitter.emit(payload));
    await this.listening;
    const key = `${orgId}:${engagementId}`;
    this.emitter.on(key, onChange);
    return () => this.emitter.off(key, onChange);
  }
}
