import { setTimeout as sleep } from 'node:timers/promises';
import { z } from 'zod';
import type { AccountLimiter } from './account-limiter';
import {
  ZoomAuthError,
  ZoomNotFoundError,
  ZoomRateLimitedError,
  ZoomResponseError,
  ZoomUnavailableError,
} from './errors';

/**
 * One Zoom request with the policy every call shares: per-account concurrency, a timeout per attempt,
 * bounded retries with exponential backoff and jitter for 5xx and network failures, and 429 handled
 * by pausing the whole account for Retry-After. Bodies are never logged or put in error messages.
 */

export interface ZoomHttpOptions {
  accountKey: string;
  getAccessToken: () => Promise<string>;
  baseUrl: string;
  limiter: AccountLimiter;
  timeoutMs: number;
  /** Retries after the first attempt, for 429, 5xx and network failures. */
  maxRetries: number;
  baseDelayMs: number;
  maxDelayMs: number;
  /** A longer Retry-After is not waited out in-process: the caller gets ZoomRateLimitedError to reschedule. */
  maxRetryAfterMs: number;
  fetch: typeof fetch;
  random: () => number;
  now: () => number;
}

interface RawResponse {
  status: number;
  headers: Headers;
  body: string;
}

const MAX_JSON_BYTES = 5 * 1024 * 1024;
const MAX_REDIRECTS = 5;
const MISSING_SCOPE_CODE = 4711;

const zoomErrorBodySchema = z.looseObject({ code: z.number().optional(), message: z.string().optional() });

export interface ZoomHttp {
  getJson<T>(
    path: string,
    query: Record<string, string | number | undefined>,
    schema: z.ZodType<T>,
  ): Promise<T>;
  /** GET an absolute Zoom file URL (transcripts), following redirects; the bearer token goes to the Zoom host only. */
  getFile(url: string, maxBytes: number): Promise<{ body: string; contentType: string }>;
}

export function createZoomHttp(options: ZoomHttpOptions): ZoomHttp {
  const base = new URL(options.baseUrl);
  const basePath = base.pathname.replace(/\/+$/, '');

  function backoff(attempt: number): number {
    const ceiling = Math.min(options.maxDelayMs, options.baseDelayMs * 2 ** attempt);
    return ceiling / 2 + options.random() * (ceiling / 2);
  }

  function rateLimitWait(headers: Headers, attempt: number): number {
    const retryAfter = parseRetryAfter(headers.get('retry-after'), options.now());
    if (retryAfter !== undefined) return retryAfter + options.random() * options.baseDelayMs;
    // Zoom's daily quotas reset at midnight UTC; no point retrying before.
    if (/daily/i.test(headers.get('x-ratelimit-type') ?? '')) return msUntilUtcMidnight(options.now());
    return backoff(attempt);
  }

  async function once(url: URL, token: string | undefined, maxBytes: number): Promise<RawResponse> {
    const signal = AbortSignal.timeout(options.timeoutMs);
    const headers: Record<string, string> = {
      Accept: 'application/json, text/vtt, text/plain;q=0.9, */*;q=0.5',
    };
    if (token) headers.Authorization = `Bearer ${token}`;
    const response = await options.fetch(url, { headers, redirect: 'manual', signal });
    return {
      status: response.status,
      headers: response.headers,
      body: await readLimited(response, maxBytes),
    };
  }

  async function execute(url: URL, withAuth: boolean, maxBytes: number, label: string): Promise<RawResponse> {
    for (let attempt = 0; ; attempt += 1) {
      const token = withAuth ? await options.getAccessToken() : undefined;
      let response: RawResponse;
      let rateLimitedFor = 0;
      try {
        response = await options.limiter.run(options.accountKey, async () => {
          const answer = await once(url, token, maxBytes);
          if (answer.status === 429) {
            rateLimitedFor = rateLimitWait(answer.headers, attempt);
            // Paused before this slot is released, so no queued request slips out in between.
            if (attempt < options.maxRetries && rateLimitedFor <= options.maxRetryAfterMs)
              options.limiter.pause(options.accountKey, rateLimitedFor);
          }
          return answer;
        });
      } catch (error) {
        if (error instanceof ZoomResponseError) throw error;
        if (attempt >= options.maxRetries)
          throw new ZoomUnavailableError(`Zoom did not answer ${label}.`, { cause: error });
        await sleep(backoff(attempt));
        continue;
      }
      if (response.status === 429) {
        if (attempt >= options.maxRetries || rateLimitedFor > options.maxRetryAfterMs)
          throw new ZoomRateLimitedError(Math.ceil(rateLimitedFor));
        continue; // the limiter holds this account until the pause is over
      }
      if (response.status >= 500) {
        if (attempt >= options.maxRetries)
          throw new ZoomUnavailableError(`Zoom answered ${response.status} to ${label}.`);
        await sleep(backoff(attempt));
        continue;
      }
      return response;
    }
  }

  function failure(response: RawResponse, label: string): Error {
    const parsed = zoomErrorBodySchema.safeParse(parseJson(response.body));
    const code = parsed.success ? parsed.data.code : undefined;
    const zoomMessage = parsed.success && parsed.data.message ? `: ${parsed.data.message.slice(0, 200)}` : '';
    const message = `Zoom answered ${response.status} to ${label}${zoomMessage}`;
    // 4711: the token lacks a scope the call needs, which only a new authorization can fix.
    if (response.status === 401 || response.status === 403 || code === MISSING_SCOPE_CODE)
      return new ZoomAuthError(response.status, code, message);
    if (response.status === 404) return new ZoomNotFoundError(code, message);
    return new ZoomResponseError(response.status, message);
  }

  function isZoomHost(url: URL): boolean {
    if (url.origin === base.origin) return true;
    const host = url.hostname;
    const zoomDomain = ['zoom.us', 'zoom.com', 'zoomgov.com'].some(
      (domain) => host === domain || host.endsWith(`.${domain}`),
    );
    return url.protocol === 'https:' && zoomDomain;
  }

  return {
    async getJson(path, query, schema) {
      const url = new URL(base.origin);
      url.pathname = `${basePath}${path}`;
      for (const [key, value] of Object.entries(query))
        if (value !== undefined && value !== '') url.searchParams.set(key, String(value));
      const label = `GET ${path}`;
      const response = await execute(url, true, MAX_JSON_BYTES, label);
      if (response.status < 200 || response.status >= 300) throw failure(response, label);
      const parsed = schema.safeParse(parseJson(response.body));
      if (!parsed.success) {
        const where = parsed.error.issues[0]?.path.join('.') || 'body';
        throw new ZoomResponseError(
          response.status,
          `Zoom's answer to ${label} did not match the expected shape (at ${where}).`,
        );
      }
      return parsed.data;
    },

    async getFile(rawUrl, maxBytes) {
      const first = parseUrl(rawUrl);
      if (!first || !isZoomHost(first))
        throw new ZoomResponseError(0, 'Refusing to fetch a transcript from a host that is not Zoom.');
      const label = 'GET transcript';
      let url = first;
      for (let hop = 0; hop <= MAX_REDIRECTS; hop += 1) {
        // As fetch does, the token follows same-origin redirects only: a signed storage URL elsewhere must not receive it.
        const response = await execute(url, url.origin === first.origin, maxBytes, label);
        if (response.status >= 300 && response.status < 400) {
          const next = parseUrl(response.headers.get('location') ?? '', url);
          const downgrade = next?.protocol !== 'https:' && url.protocol === 'https:';
          if (!next || downgrade || !['https:', 'http:'].includes(next.protocol)) {
            throw new ZoomResponseError(
              response.status,
              'Zoom redirected the transcript to an unusable location.',
            );
          }
          url = next;
          continue;
        }
        if (response.status < 200 || response.status >= 300) throw failure(response, label);
        return { body: response.body, contentType: response.headers.get('content-type') ?? '' };
      }
      throw new ZoomResponseError(310, 'Too many redirects fetching a transcript.');
    },
  };
}

/** Retry-After as delta-seconds, an HTTP date or an ISO date; milliseconds from now. */
export function parseRetryAfter(value: string | null, now: number): number | undefined {
  if (!value) return undefined;
  const trimmed = value.trim();
  if (/^\d+(\.\d+)?$/.test(trimmed)) return Number(trimmed) * 1000;
  const at = Date.parse(trimmed);
  return Number.isNaN(at) ? undefined : Math.max(0, at - now);
}

function msUntilUtcMidnight(now: number): number {
  const next = new Date(now);
  next.setUTCHours(24, 0, 0, 0);
  return next.getTime() - now;
}

async function readLimited(response: Response, maxBytes: number): Promise<string> {
  const declared = Number(response.headers.get('content-length') ?? '0');
  if (declared > maxBytes) {
    await response.body?.cancel();
    throw new ZoomResponseError(response.status, `Zoom's response is larger than ${maxBytes} bytes.`);
  }
  if (!response.body) return '';
  const chunks: Uint8Array[] = [];
  let total = 0;
  const reader = response.body.getReader();
  for (let read = await reader.read(); !read.done; read = await reader.read()) {
    total += read.value.byteLength;
    if (total > maxBytes) {
      await reader.cancel();
      throw new ZoomResponseError(response.status, `Zoom's response is larger than ${maxBytes} bytes.`);
    }
    chunks.push(read.value);
  }
  return Buffer.concat(chunks).toString('utf8');
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

function parseUrl(value: string, relativeTo?: URL): URL | undefined {
  try {
    return new URL(value, relativeTo);
  } catch {
    return undefined;
  }
}
