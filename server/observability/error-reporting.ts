import type * as SentrySdk from '@sentry/node';
import { REDACTED_FIELDS } from '../log';

const SECRET_KEY = new RegExp(`(${REDACTED_FIELDS.join('|')}|email|phone|x-zoom-app-context|csrf)`, 'i');
const EMAIL = /[A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+\.[A-Za-z]{2,}/g;
const LONG_DIGITS = /\b\d[\d -]{7,}\d\b/g;

/** Removes tokens, secrets, cookies and personal data from anything sent to error monitoring. */
export function scrub<T>(value: T, depth = 0): T {
  if (depth > 8) return '[truncated]' as T;
  if (typeof value === 'string') return value.replace(EMAIL, '[email]').replace(LONG_DIGITS, '[number]') as T;
  if (Array.isArray(value)) return value.map((item: unknown) => scrub(item, depth + 1)) as T;
  if (value && typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const [key, item] of Object.entries(value as Record<string, unknown>)) out[key] = SECRET_KEY.test(key) ? '[redacted]' : scrub(item, depth + 1);
    return out as T;
  }
  return value;
}

let sentry: typeof SentrySdk | null = null;

/**
 * Optional: only with SENTRY_DSN. Request bodies and cookies are never attached. The SDK is loaded
 * only then: with its instrumentation it adds 35 to 50 MB to every process.
 */
export async function initErrorReporting(dsn: string | undefined, environment: string): Promise<void> {
  if (!dsn || sentry) return;
  const loaded = await import('@sentry/node');
  loaded.init({
    dsn,
    environment,
    tracesSampleRate: 0,
    beforeSend: (event) => {
      if (event.request) {
        delete event.request.cookies;
        delete event.request.data;
        event.request.headers = scrub(event.request.headers ?? {});
        if (event.request.query_string) event.request.query_string = '[redacted]';
      }
      event.extra = scrub(event.extra);
      event.contexts = scrub(event.contexts);
      event.breadcrumbs = scrub(event.breadcrumbs);
      if (event.message) event.message = scrub(event.message);
      // Messages and the source lines around each frame (which can hold literals and local values).
      if (event.exception) event.exception = scrub(event.exception);
      return event;
    },
  });
  sentry = loaded;
}

export function reportError(error: unknown, context: Record<string, string> = {}): void {
  sentry?.captureException(error, { tags: context });
}

/** Sends what is queued (on shutdown, so the last errors are not lost); true when nothing is left. */
export async function flushErrorReporting(timeoutMs = 2000): Promise<boolean> {
  return sentry ? sentry.flush(timeoutMs) : true;
}
