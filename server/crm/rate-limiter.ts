import { setTimeout as sleep } from 'node:timers/promises';
import { CrmRateLimitedError } from './errors';

/**
 * A sliding-window limiter per key (a HubSpot portal, say), shared by every adapter instance in the
 * process. A request holds its place in the window from when it starts until `windowMs` after its
 * response arrives: the CRM counts requests when they reach it, which is somewhere in between, so
 * this never lets a burst through that the CRM would count as over the limit. A caller waits for a
 * free place when one opens soon; when the wait would exceed `maxWaitMs` it gets a
 * CrmRateLimitedError, so a queue worker is never parked for long and the job queue reschedules.
 */

export interface RateLimiter {
  run<T>(key: string, work: () => Promise<T>): Promise<T>;
}

export interface SlidingWindowOptions {
  limit: number;
  windowMs: number;
  maxWaitMs: number;
  now?: () => number;
}

interface Place {
  /** When this request stops counting; Infinity while it is in flight. */
  until: number;
}

// While every place is taken by requests still in flight, look again this often.
const IN_FLIGHT_POLL_MS = 25;

export function createSlidingWindowLimiter({ limit, windowMs, maxWaitMs, now = Date.now }: SlidingWindowOptions): RateLimiter {
  const windows = new Map<string, Place[]>();

  function taken(key: string, at: number): Place[] {
    const places = (windows.get(key) ?? []).filter((place) => place.until > at);
    if (places.length === 0) windows.delete(key);
    else windows.set(key, places);
    return places;
  }

  async function acquire(key: string): Promise<Place> {
    const deadline = now() + maxWaitMs;
    for (;;) {
      const at = now();
      const places = taken(key, at);
      if (places.length < limit) {
        const place = { until: Number.POSITIVE_INFINITY };
        windows.set(key, [...places, place]);
        return place;
      }
      const soonest = Math.min(...places.map((place) => place.until));
      const wait = Number.isFinite(soonest) ? soonest - at : windowMs;
      if (at + wait > deadline) {
        throw new CrmRateLimitedError(Math.max(1, Math.ceil(wait / 1000)), 'Too many CRM requests for this account right now.');
      }
      await sleep(Number.isFinite(soonest) ? Math.max(1, wait) : IN_FLIGHT_POLL_MS);
    }
  }

  return {
    async run(key, work) {
      const place = await acquire(key);
      try {
        return await work();
      } finally {
        place.until = now() + windowMs;
      }
    },
  };
}
