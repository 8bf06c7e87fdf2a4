import { setTimeout as sleep } from 'node:timers/promises';
import { CrmUnavailableError } from './errors';

/** Pauses before the second and third try of a read. */
const READ_RETRY_PAUSES_MS = [200, 600];

/**
 * A read (a search, a lookup) that failed with a 5xx, a timeout or a dropped connection is tried again
 * at once, twice, before the sync job's own retry with backoff takes over: one sync makes several
 * requests, and a passing blip on any of them should not cost the whole attempt and 15+ seconds.
 * Writes never come through here; a lost write is found again by the job (exactly-once), not repeated.
 */
export async function withReadRetries<T>(read: () => Promise<T>): Promise<T> {
  for (let attempt = 0; ; attempt++) {
    try {
      return await read();
    } catch (error) {
      const pause = READ_RETRY_PAUSES_MS[attempt];
      if (!(error instanceof CrmUnavailableError) || pause === undefined) throw error;
      await sleep(pause);
    }
  }
}
