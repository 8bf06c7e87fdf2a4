import * as Sentry from '@sentry/node';
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

let enabled = false;

/** Optional: only with SENTRY_DSN. Request bodies and cookies are never attached. */
export function initErrorReporting(dsn: string | undefined, environment: string): void {
  if (!dsn || enabled) return;
  Sentry.init({
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
      for (const exception of event.exception?.values ?? []) if (exception.value) exception.value = scrub(exception.value);
      return event;
    },
  });
  enabled = true;
}

export function reportError(error: unknown, context: Record<string, string> = {}): void {
  if (enabled) Sentry.captureException(error, { tags: context });
}
