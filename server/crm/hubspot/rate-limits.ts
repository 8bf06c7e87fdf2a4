import { createSlidingWindowLimiter, type RateLimiter } from '../rate-limiter';

/**
 * HubSpot limits public apps per installing portal: 110 requests per rolling 10 s, and the CRM search
 * endpoints separately at 5 per second. We stay a little under both so a burst from our workers
 * never earns 429s (HubSpot's marketplace rules also want errors under 5% of calls). The SDK's own
 * Bottleneck limiter is process-wide rather than per portal, so it stays off.
 */

export type HubSpotLane = 'general' | 'search';

export type HubSpotRateLimits = Record<HubSpotLane, RateLimiter>;

export interface HubSpotLimitSettings {
  generalPer10s?: number;
  searchPerSecond?: number;
  /** Longer waits than this become a CrmRateLimitedError for the job queue to reschedule. */
  maxWaitMs?: number;
}

export function createHubSpotRateLimits(settings: HubSpotLimitSettings = {}): HubSpotRateLimits {
  const maxWaitMs = settings.maxWaitMs ?? 3_000;
  return {
    general: createSlidingWindowLimiter({ limit: settings.generalPer10s ?? 100, windowMs: 10_000, maxWaitMs }),
    search: createSlidingWindowLimiter({ limit: settings.searchPerSecond ?? 4, windowMs: 1_000, maxWaitMs }),
  };
}

/** One per process, shared by every adapter, because the limits belong to the portal, not to an adapter instance. */
export const sharedHubSpotRateLimits = createHubSpotRateLimits();
