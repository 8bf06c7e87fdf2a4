import type { RequestHandler } from 'express';
import { sendRateLimited } from './errors';

/**
 * HubSpot's burst limits per portal: a rolling 10-second window for ordinary calls (with the
 * X-HubSpot-RateLimit-* headers) and a per-second limit for CRM search (which sends no such headers).
 * Over the limit: 429 with Retry-After.
 */

export interface RateLimitSettings {
  per10Seconds: number;
  searchPerSecond: number;
}

function rollingWindow(limit: number, windowMs: number) {
  const hits = new Map<string, number[]>();
  return {
    /** Records the hit and returns 0, or returns the ms until a slot frees (the hit is refused). */
    take(key: string, now: number): { waitMs: number; remaining: number } {
      const recent = (hits.get(key) ?? []).filter((time) => time > now - windowMs);
      if (recent.length >= limit) {
        hits.set(key, recent);
        return { waitMs: (recent[recent.length - limit] ?? now) + windowMs - now, remaining: 0 };
      }
      recent.push(now);
      hits.set(key, recent);
      return { waitMs: 0, remaining: limit - recent.length };
    },
  };
}

export function rateLimiter(settings: RateLimitSettings): RequestHandler {
  const general = rollingWindow(settings.per10Seconds, 10_000);
  const search = rollingWindow(settings.searchPerSecond, 1_000);
  return (req, res, next) => {
    const portalId = String(res.locals.portalId);
    const isSearch = req.method === 'POST' && req.path.endsWith('/search');
    const { waitMs, remaining } = (isSearch ? search : general).take(portalId, Date.now());
    if (waitMs > 0) {
      sendRateLimited(res, isSearch ? 'SECONDLY' : 'TEN_SECONDLY_ROLLING', portalId, Math.max(1, Math.ceil(waitMs / 1000)));
      return;
    }
    if (!isSearch) {
      res.setHeader('X-HubSpot-RateLimit-Interval-Milliseconds', '10000');
      res.setHeader('X-HubSpot-RateLimit-Max', String(settings.per10Seconds));
      res.setHeader('X-HubSpot-RateLimit-Remaining', String(remaining));
    }
    next();
  };
}
