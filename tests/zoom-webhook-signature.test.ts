import { createServer, type IncomingHttpHeaders } from 'node:http';
import type { AddressInfo } from 'node:net';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fixedClock } from '../server/clock';
import { deliveryKey, parseZoomWebhook } from '../server/zoom/events';
import { signZoomWebhook, verifyZoomWebhook } from '../server/zoom/webhook-signature';
import { startFakeZoom, type FakeZoom } from './fakes/zoom';

const SECRET = 'whsec-test-secret';
const NOW = new Date('2023-11-14T22:13:20Z'); // Unix 1700000000
const TS = '1700000000';
const BODY = '{"event":"x"}';
// Computed independently (Python hmac) for v0:1700000000:{"event":"x"} under SECRET.
const KNOWN_SIGNATURE = 'v0=11245a30c01ea02fb290266859630337189983551ea2bbe30c7e3329481fad78';

const verify = (overrides: Partial<Parameters<typeof verifyZoomWebhook>[0]> = {}) =>
  verifyZoomWebhook({
    rawBody: Buffer.from(BODY),
    timestamp: TS,
    signature: KNOWN_SIGNATURE,
    secretToken: SECRET,
    clock: fixedClock(NOW),
    ...overrides,
  });

describe('Zoom webhook signature', () => {
  it('signs exactly as Zoom documents: v0= + hex HMAC-SHA256 of v0:{timestamp}:{body}', () => {
    expect(signZoomWebhook(BODY, SECRET, TS)).toBe(KNOWN_SIGNATURE);
  });

  it('accepts a genuine delivery and reports when it was signed', () => {
    expect(verify()).toEqual({ ok: true, timestamp: NOW });
  });

  it('rejects a body with one byte changed', () => {
    const tampered = Buffer.from(BODY);
    tampered[3] = (tampered[3] ?? 0) ^ 0x01;
    expect(verify({ rawBody: tampered })).toEqual({ ok: false, reason: 'bad_signature' });
  });

  it('rejects any single flipped bit anywhere in body, timestamp or signature', () => {
    const body = Buffer.from(
      JSON.stringify({
        event: 'contact_center.engagement_ended',
        event_ts: 1,
        payload: { account_id: 'a', object: { engagement_id: 'e' } },
      }),
    );
    const signature = signZoomWebhook(body, SECRET, TS);
    fc.assert(
      fc.property(
        fc.constantFrom('body', 'signature', 'timestamp'),
        fc.nat(),
        fc.integer({ min: 0, max: 7 }),
        (part, position, bit) => {
          const flip = (bytes: Buffer) => {
            const copy = Buffer.from(bytes);
            const index = position % copy.length;
            copy[index] = (copy[index] ?? 0) ^ (1 << bit);
            return copy;
          };
          const input = {
            rawBody: part === 'body' ? flip(body) : body,
            signature: part === 'signature' ? flip(Buffer.from(signature)).toString('latin1') : signature,
            timestamp: part === 'timestamp' ? flip(Buffer.from(TS)).toString('latin1') : TS,
          };
          const result = verifyZoomWebhook({
            ...input,
            secretToken: SECRET,
            clock: fixedClock(NOW),
            toleranceSeconds: 10 ** 12,
          });
          expect(result.ok).toBe(false);
        },
      ),
      { numRuns: 2000 },
    );
  });

  it('rejects a signature made with another secret', () => {
    expect(verify({ signature: signZoomWebhook(BODY, 'someone-else', TS) })).toEqual({
      ok: false,
      reason: 'bad_signature',
    });
  });

  it('rejects a missing signature or timestamp header', () => {
    expect(verify({ signature: undefined })).toEqual({ ok: false, reason: 'missing_header' });
    expect(verify({ timestamp: undefined })).toEqual({ ok: false, reason: 'missing_header' });
    expect(verify({ signature: '' })).toEqual({ ok: false, reason: 'missing_header' });
    expect(verify({ signature: [KNOWN_SIGNATURE, KNOWN_SIGNATURE] })).toEqual({
      ok: false,
      reason: 'missing_header',
    });
  });

  it('rejects malformed headers before comparing', () => {
    expect(verify({ timestamp: '17e8' })).toEqual({ ok: false, reason: 'malformed_timestamp' });
    expect(verify({ signature: KNOWN_SIGNATURE.toUpperCase() })).toEqual({
      ok: false,
      reason: 'malformed_signature',
    });
    expect(verify({ signature: KNOWN_SIGNATURE.slice(0, -2) })).toEqual({
      ok: false,
      reason: 'malformed_signature',
    });
  });

  it('rejects a correctly signed delivery whose timestamp is more than 5 minutes old', () => {
    const old = String(Number(TS) - 301);
    expect(verify({ timestamp: old, signature: signZoomWebhook(BODY, SECRET, old) })).toEqual({
      ok: false,
      reason: 'stale_timestamp',
    });
    const edge = String(Number(TS) - 300);
    expect(verify({ timestamp: edge, signature: signZoomWebhook(BODY, SECRET, edge) }).ok).toBe(true);
  });

  it('rejects a timestamp more than 5 minutes in the future', () => {
    const future = String(Number(TS) + 301);
    expect(verify({ timestamp: future, signature: signZoomWebhook(BODY, SECRET, future) })).toEqual({
      ok: false,
      reason: 'stale_timestamp',
    });
  });

  it('accepts a millisecond timestamp too, within the same window', () => {
    const ms = `${TS}123`;
    expect(verify({ timestamp: ms, signature: signZoomWebhook(BODY, SECRET, ms) })).toEqual({
      ok: true,
      timestamp: new Date(1700000000123),
    });
  });

  it('verifies a replay of the same delivery, which then dedupes to the same key', () => {
    const delivery = {
      event: 'contact_center.engagement_ended',
      event_ts: 1700000000000,
      payload: { account_id: 'acct', object: { engagement_id: 'eng-1' } },
    };
    const raw = Buffer.from(JSON.stringify(delivery));
    const first = verify({ rawBody: raw, signature: signZoomWebhook(raw, SECRET, TS) });
    // Zoom's retry comes later with a fresh timestamp and signature over the same body.
    const retryTs = String(Number(TS) + 120);
    const retry = verifyZoomWebhook({
      rawBody: raw,
      timestamp: retryTs,
      signature: signZoomWebhook(raw, SECRET, retryTs),
      secretToken: SECRET,
      clock: fixedClock(new Date(NOW.getTime() + 120_000)),
    });
    expect(first.ok && retry.ok).toBe(true);
    const parsed = parseZoomWebhook(raw);
    const again = parseZoomWebhook(raw.toString('utf8'));
    if (!parsed.ok || !again.ok) throw new Error('parse failed');
    expect(deliveryKey(parsed.envelope)).toBe(deliveryKey(again.envelope));
  });
});

describe('Zoom webhook signature over HTTP, as the fake Zoom delivers it', () => {
  let zoom: FakeZoom;
  let receiverUrl: string;
  const received: Array<{ headers: IncomingHttpHeaders; body: Buffer }> = [];
  const receiver = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      received.push({ headers: req.headers, body: Buffer.concat(chunks) });
      res.writeHead(204).end();
    });
  });

  beforeAll(async () => {
    zoom = await startFakeZoom();
    await new Promise<void>((resolve) => receiver.listen(0, '127.0.0.1', resolve));
    receiverUrl = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/webhooks/zoom`;
  });
  afterAll(async () => {
    await zoom.close();
    await new Promise<void>((resolve) => receiver.close(() => resolve()));
  });

  it('every delivery of a call verifies against the raw bytes received, and each event gets its own key', async () => {
    const call = zoom.addCall({ scenario: 'billing', seed: 7 });
    const results = await zoom.deliverCall(receiverUrl, call.engagement.id);
    expect(results.map((r) => r.status)).toEqual([204, 204, 204]);
    const keys = new Set<string>();
    for (const delivery of received) {
      const check = verifyZoomWebhook({
        rawBody: delivery.body,
        timestamp: delivery.headers['x-zm-request-timestamp'],
        signature: delivery.headers['x-zm-signature'],
        secretToken: zoom.webhookSecret,
      });
      expect(check.ok).toBe(true);
      const parsed = parseZoomWebhook(delivery.body);
      if (!parsed.ok) throw new Error('parse failed');
      keys.add(deliveryKey(parsed.envelope));
    }
    expect(keys.size).toBe(3);
    const wrongSecret = verifyZoomWebhook({
      rawBody: received[0]!.body,
      timestamp: received[0]!.headers['x-zm-request-timestamp'],
      signature: received[0]!.headers['x-zm-signature'],
      secretToken: 'not-the-secret',
    });
    expect(wrongSecret).toEqual({ ok: false, reason: 'bad_signature' });
  });
});
