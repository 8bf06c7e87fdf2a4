import type { ServerResponse } from 'node:http';

/**
 * Opt-in failure injection for the fake OpenAI, HubSpot and Salesforce: a share of requests fails,
 * chosen by a seeded generator, so a run with the same seed fails the same requests in arrival order.
 */

export interface RandomFailureOptions {
  /** Share of requests that fail, 0 to 1. */
  rate: number;
  seed: number;
  /**
   * How long a "timeout" holds the request before dropping the connection unanswered, as a load
   * balancer in front of a stuck service does. Unset: it never answers (the client's timeout ends it).
   */
  timeoutMs?: number;
}

export type RandomFailureKind = 'rate_limit' | 'server_error' | 'timeout';

/** mulberry32: small, fast and good enough to spread failures evenly. */
function generator(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Draws for each request: undefined (answer normally) or which failure to answer with. */
export function randomFailures(options: RandomFailureOptions): () => RandomFailureKind | undefined {
  const random = generator(options.seed);
  const kinds: RandomFailureKind[] = ['rate_limit', 'server_error', 'timeout'];
  return () => (random() < options.rate ? kinds[Math.floor(random() * kinds.length)] : undefined);
}

/** Holds a request as a stuck upstream does: dropped after `timeoutMs`, or never answered. */
export function holdUnanswered(res: { destroy(): void; on(event: 'close', listener: () => void): unknown }, timeoutMs: number | undefined): void {
  if (timeoutMs === undefined) return;
  const timer = setTimeout(() => res.destroy(), timeoutMs);
  res.on('close', () => clearTimeout(timer));
}

/**
 * Lets the request be processed but never delivers the answer: the CRM did the work and the client
 * timed out, the case that tests exactly-once writes. Dropped after `timeoutMs` (or never answered).
 */
export function swallowAnswer(res: ServerResponse, timeoutMs: number | undefined): void {
  res.end = (() => {
    holdUnanswered(res, timeoutMs);
    return res;
  }) as ServerResponse['end'];
}
