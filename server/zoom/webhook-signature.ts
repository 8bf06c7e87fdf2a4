import { createHmac, timingSafeEqual } from 'node:crypto';
import { systemClock, type Clock } from '../clock';

/**
 * Zoom signs each delivery as `v0=` + hex HMAC-SHA256(secret token, `v0:{x-zm-request-timestamp}:{body}`).
 * We HMAC the raw bytes as received: re-serialising parsed JSON can reorder or re-escape characters
 * and turn a genuine delivery into a false rejection.
 */

export const SIGNATURE_HEADER = 'x-zm-signature';
export const TIMESTAMP_HEADER = 'x-zm-request-timestamp';

/** Zoom documents no replay window; five minutes is the common choice and tolerates clock skew. */
export const DEFAULT_TOLERANCE_SECONDS = 300;

export type SignatureFailure =
  'missing_header' | 'malformed_timestamp' | 'malformed_signature' | 'bad_signature' | 'stale_timestamp';

export type SignatureCheck = { ok: true; timestamp: Date } | { ok: false; reason: SignatureFailure };

type HeaderValue = string | string[] | undefined;

export interface VerifyZoomWebhookInput {
  rawBody: Buffer | string;
  /** The `x-zm-request-timestamp` header as Node gives it. */
  timestamp: HeaderValue;
  /** The `x-zm-signature` header as Node gives it. */
  signature: HeaderValue;
  secretToken: string;
  clock?: Clock;
  toleranceSeconds?: number;
}

const SIGNATURE_PATTERN = /^v0=[0-9a-f]{64}$/;

export function verifyZoomWebhook(input: VerifyZoomWebhookInput): SignatureCheck {
  const timestamp = singleHeader(input.timestamp);
  const signature = singleHeader(input.signature);
  if (!timestamp || !signature) return { ok: false, reason: 'missing_header' };
  const signedAt = parseTimestamp(timestamp);
  if (!signedAt) return { ok: false, reason: 'malformed_timestamp' };
  if (!SIGNATURE_PATTERN.test(signature)) return { ok: false, reason: 'malformed_signature' };

  const expected = Buffer.from(signZoomWebhook(input.rawBody, input.secretToken, timestamp), 'utf8');
  const received = Buffer.from(signature, 'utf8');
  // Lengths are equal after the pattern check; the guard keeps timingSafeEqual from throwing if that ever changes.
  if (expected.length !== received.length || !timingSafeEqual(expected, received))
    return { ok: false, reason: 'bad_signature' };

  const toleranceMs = (input.toleranceSeconds ?? DEFAULT_TOLERANCE_SECONDS) * 1000;
  const now = (input.clock ?? systemClock).now().getTime();
  if (Math.abs(now - signedAt.getTime()) > toleranceMs) return { ok: false, reason: 'stale_timestamp' };
  return { ok: true, timestamp: signedAt };
}

/** The `x-zm-signature` value Zoom would send for this body and timestamp. */
export function signZoomWebhook(
  body: Buffer | string,
  secretToken: string,
  timestamp: number | string,
): string {
  const hmac = createHmac('sha256', secretToken);
  hmac.update(`v0:${timestamp}:`, 'utf8');
  hmac.update(typeof body === 'string' ? Buffer.from(body, 'utf8') : body);
  return `v0=${hmac.digest('hex')}`;
}

/** Both headers of a signed delivery; `timestamp` is Unix seconds, as Zoom sends it. */
export function zoomWebhookHeaders(
  body: Buffer | string,
  secretToken: string,
  timestamp: number,
): Record<string, string> {
  return {
    [TIMESTAMP_HEADER]: String(timestamp),
    [SIGNATURE_HEADER]: signZoomWebhook(body, secretToken, timestamp),
  };
}

/** The answer to `endpoint.url_validation`: the plain token and its hex HMAC-SHA256 under the secret token. */
export function urlValidationResponse(
  plainToken: string,
  secretToken: string,
): { plainToken: string; encryptedToken: string } {
  return {
    plainToken,
    encryptedToken: createHmac('sha256', secretToken).update(plainToken, 'utf8').digest('hex'),
  };
}

function singleHeader(value: HeaderValue): string | undefined {
  if (Array.isArray(value)) return value.length === 1 ? value[0]?.trim() || undefined : undefined;
  return value?.trim() || undefined;
}

function parseTimestamp(value: string): Date | undefined {
  if (!/^\d{1,16}$/.test(value)) return undefined;
  const number = Number(value);
  // Zoom sends Unix seconds (10 digits); accept milliseconds too rather than reject a sender that switches.
  const ms = value.length >= 13 ? number : number * 1000;
  return Number.isSafeInteger(ms) ? new Date(ms) : undefined;
}
