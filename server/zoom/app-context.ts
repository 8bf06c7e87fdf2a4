import { createCipheriv, createDecipheriv, createHash, randomBytes } from 'node:crypto';
import { z } from 'zod';
import { systemClock, type Clock } from '../clock';

/**
 * The X-Zoom-App-Context header (also returned by zoomSdk.getAppContext()). Layout, little-endian:
 *   [ivLength: 1 byte][iv][aadLength: 2 bytes][aad][cipherLength: 4 bytes][ciphertext][tag: 16 bytes]
 * AES-256-GCM keyed with SHA-256(client secret); the plaintext is JSON. Only Zoom and we know the secret,
 * so a context that decrypts and names our client id as `aud` was minted by Zoom for this app.
 */

export const APP_CONTEXT_HEADER = 'x-zoom-app-context';
export const APP_CONTEXT_ISSUER = 'marketplace.zoom.us';

const TAG_LENGTH = 16;
/** Real contexts are a few hundred bytes; anything far larger is not one. */
const MAX_ENCODED_LENGTH = 8192;
/** Below this an `exp`/`ts` value must be seconds (1e12 ms is September 2001). */
const SECONDS_THRESHOLD = 1e12;

const epoch = z.number().finite().nonnegative();
const optionalText = z.string().max(500).optional();

export const appContextSchema = z.looseObject({
  /** Zoom user id. */
  uid: z.string().min(1).max(200),
  /** Zoom account id (PII per Zoom's guidelines: never log it in clear). Not documented as always present. */
  aid: optionalText,
  /** Surface the app runs in (panel, meeting, ...). */
  typ: z.string().min(1).max(100),
  iss: z.string(),
  aud: z.string(),
  exp: epoch,
  ts: epoch.optional(),
  mid: optionalText,
  act: optionalText,
});
export type AppContextPayload = z.infer<typeof appContextSchema>;

export interface AppContext extends AppContextPayload {
  expiresAt: Date;
}

export type AppContextFailure =
  | 'missing'
  | 'malformed'
  | 'decrypt_failed'
  | 'invalid_payload'
  | 'wrong_issuer'
  | 'wrong_audience'
  | 'expired';

export type AppContextResult = { ok: true; context: AppContext } | { ok: false; reason: AppContextFailure };

export interface AppContextOptions {
  clientId: string;
  clientSecret: string;
  clock?: Clock;
}

/** Never throws: every malformed, forged or stale input becomes a typed failure. */
export function decryptAppContext(
  header: string | string[] | undefined,
  options: AppContextOptions,
): AppContextResult {
  const encoded = Array.isArray(header) ? (header.length === 1 ? header[0] : undefined) : header;
  if (!encoded || encoded.trim() === '') return { ok: false, reason: 'missing' };
  const parts = unpack(encoded.trim());
  if (!parts) return { ok: false, reason: 'malformed' };

  let plaintext: string;
  try {
    const decipher = createDecipheriv('aes-256-gcm', keyFor(options.clientSecret), parts.iv, {
      authTagLength: TAG_LENGTH,
    });
    decipher.setAAD(parts.aad);
    decipher.setAuthTag(parts.tag);
    plaintext = Buffer.concat([decipher.update(parts.ciphertext), decipher.final()]).toString('utf8');
  } catch {
    return { ok: false, reason: 'decrypt_failed' };
  }

  let json: unknown;
  try {
    json = JSON.parse(plaintext);
  } catch {
    return { ok: false, reason: 'invalid_payload' };
  }
  const parsed = appContextSchema.safeParse(json);
  if (!parsed.success) return { ok: false, reason: 'invalid_payload' };
  const payload = parsed.data;
  if (payload.iss !== APP_CONTEXT_ISSUER) return { ok: false, reason: 'wrong_issuer' };
  if (payload.aud !== options.clientId) return { ok: false, reason: 'wrong_audience' };
  const expiresAt = new Date(toMilliseconds(payload.exp));
  if (expiresAt.getTime() <= (options.clock ?? systemClock).now().getTime())
    return { ok: false, reason: 'expired' };
  return { ok: true, context: { ...payload, expiresAt } };
}

/** Build a context exactly as Zoom lays it out (used by the fake Zoom, the demo and tests). */
export function encryptAppContext(
  payload: Record<string, unknown>,
  clientSecret: string,
  options: { aad?: Buffer } = {},
): string {
  const iv = randomBytes(12);
  const aad = options.aad ?? Buffer.alloc(0);
  const cipher = createCipheriv('aes-256-gcm', keyFor(clientSecret), iv, { authTagLength: TAG_LENGTH });
  cipher.setAAD(aad);
  const ciphertext = Buffer.concat([cipher.update(JSON.stringify(payload), 'utf8'), cipher.final()]);
  const ivLength = Buffer.from([iv.length]);
  const aadLength = Buffer.alloc(2);
  aadLength.writeUInt16LE(aad.length);
  const cipherLength = Buffer.alloc(4);
  cipherLength.writeUInt32LE(ciphertext.length);
  return Buffer.concat([
    ivLength,
    iv,
    aadLength,
    aad,
    cipherLength,
    ciphertext,
    cipher.getAuthTag(),
  ]).toString('base64');
}

function keyFor(clientSecret: string): Buffer {
  return createHash('sha256').update(clientSecret, 'utf8').digest();
}

/** Zoom's samples compare `exp` with Date.now() (milliseconds); accept seconds too. */
function toMilliseconds(value: number): number {
  return value < SECONDS_THRESHOLD ? value * 1000 : value;
}

interface Parts {
  iv: Buffer;
  aad: Buffer;
  ciphertext: Buffer;
  tag: Buffer;
}

function unpack(encoded: string): Parts | undefined {
  // Zoom documents base64; Node's decoder also reads base64url, which we accept as well.
  if (encoded.length > MAX_ENCODED_LENGTH || !/^[A-Za-z0-9+/_-]+={0,2}$/.test(encoded)) return undefined;
  const bytes = Buffer.from(encoded, 'base64');
  let offset = 0;
  const take = (length: number): Buffer | undefined => {
    if (length < 0 || offset + length > bytes.length) return undefined;
    const slice = bytes.subarray(offset, offset + length);
    offset += length;
    return slice;
  };
  const ivLength = take(1)?.readUInt8(0);
  if (!ivLength) return undefined;
  const iv = take(ivLength);
  const aadLength = take(2)?.readUInt16LE(0);
  if (!iv || aadLength === undefined) return undefined;
  const aad = take(aadLength);
  const cipherLength = take(4)?.readUInt32LE(0);
  if (!aad || cipherLength === undefined) return undefined;
  const ciphertext = take(cipherLength);
  const tag = take(TAG_LENGTH);
  // Exactly the tag must remain: trailing bytes mean a different layout, not a context.
  if (!ciphertext || !tag || offset !== bytes.length) return undefined;
  return { iv, aad, ciphertext, tag };
}
