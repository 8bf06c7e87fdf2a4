import { isIPv6 } from 'node:net';
import type { Request, RequestHandler } from 'express';
import type { Clock } from '../clock';
import type { Services } from '../services';
import { HttpError } from './errors';
import { PostgresRateLimitStore, type RateLimitStore } from './rate-limit-store';

/**
 * Abuse limits: requests per window per user, per organization and per IP, counted in Postgres
 * (rate-limit-store.ts) so they hold across web processes. Over a limit the request gets 429 with
 * the reason, `Retry-After` in seconds, and the IETF RateLimit headers (draft-ietf-httpapi-ratelimit-headers:
 * `RateLimit-Policy: "user";q=600;w=60` and `RateLimit: "user";r=12;t=41`, one item per limit).
 */

export interface RateLimitOptions {
  /** The policy name in the headers and the 429 body ("user", "org", ...). */
  name: string;
  limit: number;
  windowMs: number;
  /** Who is counted; undefined skips the request (e.g. nobody is signed in). */
  keyOf(req: Request): string | undefined;
  /** What the 429 says: who made too many requests. */
  message: string;
  store: RateLimitStore;
  clock: Clock;
}

export function rateLimit(options: RateLimitOptions): RequestHandler {
  options.store.init?.({ windowMs: options.windowMs });
  const windowSeconds = Math.ceil(options.windowMs / 1000);
  return async (req, res, next) => {
    const key = options.keyOf(req);
    if (key === undefined || options.limit <= 0) return next();
    const { totalHits, resetTime } = await options.store.increment(key);
    const now = options.clock.now().getTime();
    const resetSeconds = Math.max(0, Math.ceil(((resetTime?.getTime() ?? now + options.windowMs) - now) / 1000));
    const remaining = Math.max(0, options.limit - totalHits);
    res.append('RateLimit-Policy', `"${options.name}";q=${options.limit};w=${windowSeconds}`);
    res.append('RateLimit', `"${options.name}";r=${remaining};t=${resetSeconds}`);
    if (totalHits <= options.limit) return next();
    const retryAfter = Math.max(1, resetSeconds);
    req.log.info({ limit: options.name }, 'rate limited');
    throw new HttpError(
      429,
      `${options.message} (${options.limit} in ${describeWindow(options.windowMs)}). Try again in ${retryAfter} s.`,
      'rate_limited',
      { limit: options.name, retryAfterSeconds: retryAfter },
      { 'Retry-After': String(retryAfter) },
    );
  };
}

function describeWindow(ms: number): string {
  const seconds = Math.round(ms / 1000);
  if (seconds % 3600 === 0) return seconds === 3600 ? 'an hour' : `${seconds / 3600} hours`;
  if (seconds % 60 === 0) return seconds === 60 ? 'a minute' : `${seconds / 60} minutes`;
  return `${seconds} s`;
}

/**
 * The client's address as a key. An IPv6 client usually holds a whole /64 or more, so IPv6 is
 * counted per /56 (as express-rate-limit does): rotating addresses inside it does not reset the count.
 */
export function ipKey(ip: string | undefined): string | undefined {
  if (!ip) return undefined;
  if (!isIPv6(ip) || ip.toLowerCase().startsWith('::ffff:')) return ip.replace(/^::ffff:/i, '');
  const [head = '', tail = ''] = ip.toLowerCase().split('::');
  const left = head ? head.split(':') : [];
  const right = tail ? tail.split(':') : [];
  const groups = ip.includes('::') ? [...left, ...Array<string>(8 - left.length - right.length).fill('0'), ...right] : left;
  // The first 56 bits: three groups and the high byte of the fourth.
  const fourth = (parseInt(groups[3] ?? '0', 16) & 0xff00).toString(16);
  return `${groups.slice(0, 3).map((g) => parseInt(g || '0', 16).toString(16)).join(':')}:${fourth}::/56`;
}

export interface AbuseLimits {
  /** Every /api request of a signed-in user: per user, then per organization. */
  api: RequestHandler[];
  /** Summary retries (each one an AI call): a much smaller budget, per user and per organization. */
  summaryRetry: RequestHandler[];
  /** /auth/*, mostly anonymous: per IP. */
  auth: RequestHandler[];
}

export function abuseLimits(services: Services): AbuseLimits {
  const limits = services.config.rateLimits;
  const store = (prefix: string) =>
    new PostgresRateLimitStore({ db: services.db, prefix, secret: services.config.sessionSecret, clock: services.clock });
  const { clock } = services;
  const userOf = (req: Request) => req.auth?.userId;
  const orgOf = (req: Request) => req.auth?.orgId;
  return {
    api: [
      rateLimit({ name: 'user', limit: limits.apiPerUser, windowMs: limits.windowMs, keyOf: userOf, store: store('api-user'), message: 'Too many requests from your account', clock }),
      rateLimit({ name: 'org', limit: limits.apiPerOrg, windowMs: limits.windowMs, keyOf: orgOf, store: store('api-org'), message: 'Too many requests from your organization', clock }),
    ],
    summaryRetry: [
      rateLimit({ name: 'retry-user', limit: limits.retryPerUser, windowMs: limits.retryWindowMs, keyOf: userOf, store: store('retry-user'), message: 'Too many summary retries from your account', clock }),
      rateLimit({ name: 'retry-org', limit: limits.retryPerOrg, windowMs: limits.retryWindowMs, keyOf: orgOf, store: store('retry-org'), message: 'Too many summary retries in your organization', clock }),
    ],
    auth: [
      rateLimit({ name: 'ip', limit: limits.authPerIp, windowMs: limits.windowMs, keyOf: (req) => ipKey(req.ip), store: store('auth-ip'), message: 'Too many sign-in requests from your network', clock }),
    ],
  };
}
