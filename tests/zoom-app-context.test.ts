import { createCipheriv, createHash, randomBytes } from 'node:crypto';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { fixedClock } from '../server/clock';
import { decryptAppContext, encryptAppContext } from '../server/zoom/app-context';

const CLIENT_ID = 'cLiEnTiD123';
const SECRET = 'client-secret-for-tests';
const NOW = new Date('2025-03-01T12:00:00Z');
const clock = fixedClock(NOW);
const options = { clientId: CLIENT_ID, clientSecret: SECRET, clock };

function payload(overrides: Record<string, unknown> = {}) {
  return {
    typ: 'panel',
    uid: 'user-1',
    aid: 'acct-1',
    iss: 'marketplace.zoom.us',
    aud: CLIENT_ID,
    ts: NOW.getTime() - 1000,
    exp: NOW.getTime() + 60_000,
    ...overrides,
  };
}

/** Built by hand from the documented layout, not with our own encrypt, so both sides are checked against it. */
function zoomLayout(
  json: string,
  secret: string,
  { ivLength = 12, aad = Buffer.from('zoom-aad') } = {},
): Buffer {
  const iv = randomBytes(ivLength);
  const cipher = createCipheriv('aes-256-gcm', createHash('sha256').update(secret).digest(), iv);
  cipher.setAAD(aad);
  const ciphertext = Buffer.concat([cipher.update(json, 'utf8'), cipher.final()]);
  const aadLength = Buffer.alloc(2);
  aadLength.writeUInt16LE(aad.length);
  const cipherLength = Buffer.alloc(4);
  cipherLength.writeUInt32LE(ciphertext.length);
  return Buffer.concat([
    Buffer.from([iv.length]),
    iv,
    aadLength,
    aad,
    cipherLength,
    ciphertext,
    cipher.getAuthTag(),
  ]);
}

describe('X-Zoom-App-Context', () => {
  it('decrypts a context laid out as Zoom documents it (base64) and returns its fields', () => {
    const header = zoomLayout(
      JSON.stringify(payload({ mid: 'meeting-uuid', extra: 'kept' })),
      SECRET,
    ).toString('base64');
    const result = decryptAppContext(header, options);
    expect(result).toEqual({
      ok: true,
      context: expect.objectContaining({
        uid: 'user-1',
        aid: 'acct-1',
        typ: 'panel',
        mid: 'meeting-uuid',
        extra: 'kept',
        expiresAt: new Date(NOW.getTime() + 60_000),
      }),
    });
  });

  it('accepts the base64url spelling of the same bytes', () => {
    const bytes = zoomLayout(JSON.stringify(payload()), SECRET);
    expect(decryptAppContext(bytes.toString('base64url'), options).ok).toBe(true);
  });

  it('round-trips with encryptAppContext', () => {
    expect(decryptAppContext(encryptAppContext(payload(), SECRET), options)).toMatchObject({
      ok: true,
      context: { uid: 'user-1' },
    });
  });

  it('rejects a context encrypted with another secret', () => {
    expect(decryptAppContext(encryptAppContext(payload(), 'other-secret'), options)).toEqual({
      ok: false,
      reason: 'decrypt_failed',
    });
  });

  it('rejects a context with a tampered ciphertext or tag byte', () => {
    const bytes = zoomLayout(JSON.stringify(payload()), SECRET, { aad: Buffer.alloc(0) });
    for (const index of [1 + 12 + 2 + 4 + 3, bytes.length - 1]) {
      const tampered = Buffer.from(bytes);
      tampered[index] = (tampered[index] ?? 0) ^ 0xff;
      expect(decryptAppContext(tampered.toString('base64'), options)).toEqual({
        ok: false,
        reason: 'decrypt_failed',
      });
    }
  });

  it('rejects an expired context, with exp in milliseconds or in seconds', () => {
    expect(
      decryptAppContext(encryptAppContext(payload({ exp: NOW.getTime() - 1 }), SECRET), options),
    ).toEqual({ ok: false, reason: 'expired' });
    expect(
      decryptAppContext(encryptAppContext(payload({ exp: NOW.getTime() / 1000 - 1 }), SECRET), options),
    ).toEqual({ ok: false, reason: 'expired' });
    expect(
      decryptAppContext(encryptAppContext(payload({ exp: NOW.getTime() / 1000 + 60 }), SECRET), options),
    ).toMatchObject({
      ok: true,
      context: { expiresAt: new Date(NOW.getTime() + 60_000) },
    });
  });

  it('rejects a context minted for another app or by another issuer', () => {
    expect(decryptAppContext(encryptAppContext(payload({ aud: 'another-client' }), SECRET), options)).toEqual(
      { ok: false, reason: 'wrong_audience' },
    );
    expect(decryptAppContext(encryptAppContext(payload({ iss: 'evil.example' }), SECRET), options)).toEqual({
      ok: false,
      reason: 'wrong_issuer',
    });
  });

  it('rejects a decrypted payload that is not a context', () => {
    expect(decryptAppContext(zoomLayout('not json', SECRET).toString('base64'), options)).toEqual({
      ok: false,
      reason: 'invalid_payload',
    });
    expect(
      decryptAppContext(
        encryptAppContext(
          { typ: 'panel', iss: 'marketplace.zoom.us', aud: CLIENT_ID, exp: NOW.getTime() + 1000 },
          SECRET,
        ),
        options,
      ),
    ).toEqual({
      ok: false,
      reason: 'invalid_payload',
    });
  });

  it('turns missing, truncated, padded and garbage input into typed failures', () => {
    const good = zoomLayout(JSON.stringify(payload()), SECRET);
    expect(decryptAppContext(undefined, options)).toEqual({ ok: false, reason: 'missing' });
    expect(decryptAppContext('', options)).toEqual({ ok: false, reason: 'missing' });
    expect(decryptAppContext(['a', 'b'], options)).toEqual({ ok: false, reason: 'missing' });
    expect(decryptAppContext(good.subarray(0, good.length - 1).toString('base64'), options)).toEqual({
      ok: false,
      reason: 'malformed',
    });
    expect(decryptAppContext(Buffer.concat([good, Buffer.from([0])]).toString('base64'), options)).toEqual({
      ok: false,
      reason: 'malformed',
    });
    expect(decryptAppContext(good.subarray(0, 10).toString('base64'), options)).toEqual({
      ok: false,
      reason: 'malformed',
    });
    expect(decryptAppContext('!!!not base64!!!', options)).toEqual({ ok: false, reason: 'malformed' });
    expect(decryptAppContext('A'.repeat(20_000), options)).toEqual({ ok: false, reason: 'malformed' });
  });

  it('never throws, whatever bytes arrive', () => {
    fc.assert(
      fc.property(
        fc.oneof(
          fc.string(),
          fc.uint8Array({ maxLength: 600 }).map((bytes) => Buffer.from(bytes).toString('base64')),
        ),
        (input) => {
          const result = decryptAppContext(input, options);
          expect(result.ok).toBe(false);
        },
      ),
      { numRuns: 2000 },
    );
  });
});
