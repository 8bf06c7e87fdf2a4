import { createHmac } from 'node:crypto';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signZoomWebhook } from '../server/zoom/webhook-signature';
import { startFakeStripe, type FakeStripe } from './fakes/stripe';
import { urlValidationWebhook } from './fakes/zoom/webhooks';
import { changedTables, snapshotState } from './helpers/state-snapshot';
import { signInWithZoom, startZoomTestApp, type ZoomTestApp } from './helpers/zoom-app';

/**
 * 10,000 tampered webhook deliveries over HTTP against the running app: every one is refused and
 * nothing is stored, queued or changed. The bodies are genuine deliveries for the installed account
 * (an engagement that would queue a job, an uninstall that would delete tokens, a URL validation, and
 * Stripe's checkout events), so a single accepted tampering would show up in the database.
 */

const ZOOM_CASES = 8_500;
const STRIPE_CASES = 1_500;
const SEED = 20261211;
const CONCURRENCY = 16;

let app: ZoomTestApp;
let stripe: FakeStripe;
let zoomBodies: string[];
let stripeBodies: string[];

beforeAll(async () => {
  stripe = await startFakeStripe({ webhookSecret: 'whsec_fuzz_only' });
  // The web role: no worker drains the queue, so any job a tampering slipped in would still be there.
  app = await startZoomTestApp({
    env: { STRIPE_SECRET_KEY: stripe.secretKey, STRIPE_WEBHOOK_SECRET: stripe.webhookSecret, STRIPE_API_BASE_URL: stripe.url },
    start: { role: 'web' },
  });
  const admin = await signInWithZoom(app); // installs the app for the fake's account: its deliveries count
  const call = app.zoom.addCall({ scenario: 'billing' });
  zoomBodies = [
    ...app.zoom.webhooksFor(call.engagement.id),
    app.zoom.deauthorizeWebhook(),
    urlValidationWebhook('fuzz-plain-token'),
  ].map((delivery) => JSON.stringify(delivery));

  // Genuine Stripe events for this organization: a checkout, held at the fake instead of delivered.
  stripe.helpers.setWebhookUrl(`${app.url}/webhooks/stripe`);
  stripe.helpers.holdWebhooks();
  const checkout = await admin.post('/api/billing/checkout', { planId: 'team', seats: 3 });
  expect(checkout.status).toBe(200);
  const { url } = (await checkout.json()) as { url: string };
  await stripe.helpers.completeCheckout(new URL(url).pathname.split('/').pop()!);
  stripeBodies = stripe.helpers.heldWebhooks.map((event) => stripe.helpers.signedEvent(event).body);
  expect(stripeBodies.length).toBeGreaterThan(0);
});
afterAll(async () => {
  await app?.close();
  await stripe?.close();
});

// ---- Tamperings, drawn by fast-check; timestamps are offsets from the moment of sending ----

type ZoomTamper =
  | { kind: 'flip-body-bit'; position: number; bit: number }
  | { kind: 'reserialize'; style: Reserialization }
  | { kind: 'signature'; change: 'flip-hex' | 'uppercase' | 'truncate' | 'scheme' | 'no-scheme' | 'doubled' | 'sha1'; position: number }
  | { kind: 'timestamp-header'; change: 'shift' | 'milliseconds' | 'leading-zero' | 'decimal'; shift: number }
  | { kind: 'stale-or-future'; shift: number }
  | { kind: 'wrong-secret'; secret: string }
  | { kind: 'other-body-signature'; other: number }
  | { kind: 'missing'; drop: 'signature' | 'timestamp' | 'both' | 'empty-signature' | 'empty-timestamp' | 'legacy-authorization-only' };

type Reserialization = 'indent' | 'reverse-keys' | 'escape-unicode' | 'surrounding-whitespace' | 'trailing-newline';

const reserialization = fc.constantFrom<Reserialization>('indent', 'reverse-keys', 'escape-unicode', 'surrounding-whitespace', 'trailing-newline');
/** Beyond the ±300 s window either way (up to a year off). */
// At least 30 s past the 300 s window: a timestamp is taken when a request is made, checked when it is
// served, and under load (16 at a time on a busy CI machine) a second can pass in between.
const outsideWindow = fc.oneof(fc.integer({ min: 330, max: 31_536_000 }), fc.integer({ min: -31_536_000, max: -330 }));

const zoomTamper: fc.Arbitrary<ZoomTamper> = fc.oneof(
  fc.record({ kind: fc.constant('flip-body-bit' as const), position: fc.nat(), bit: fc.integer({ min: 0, max: 7 }) }),
  fc.record({ kind: fc.constant('reserialize' as const), style: reserialization }),
  fc.record({
    kind: fc.constant('signature' as const),
    change: fc.constantFrom('flip-hex', 'uppercase', 'truncate', 'scheme', 'no-scheme', 'doubled', 'sha1'),
    position: fc.nat(),
  }),
  fc.record({
    kind: fc.constant('timestamp-header' as const),
    change: fc.constantFrom('shift', 'milliseconds', 'leading-zero', 'decimal'),
    shift: fc.integer({ min: -299, max: 299 }).filter((n) => n !== 0),
  }),
  fc.record({ kind: fc.constant('stale-or-future' as const), shift: outsideWindow }),
  fc.record({ kind: fc.constant('wrong-secret' as const), secret: fc.string({ minLength: 1, maxLength: 40 }) }),
  fc.record({ kind: fc.constant('other-body-signature' as const), other: fc.nat() }),
  fc.record({
    kind: fc.constant('missing' as const),
    drop: fc.constantFrom('signature', 'timestamp', 'both', 'empty-signature', 'empty-timestamp', 'legacy-authorization-only'),
  }),
);

/** Same JSON value, different bytes: a verifier that re-serializes the parsed body would accept these. */
function reserialize(body: string, style: Reserialization): string {
  const bytes = reserializeAs(body, style);
  if (bytes === body) throw new Error(`re-serializing as ${style} kept the same bytes: not a tampering`);
  return bytes;
}

function reserializeAs(body: string, style: Reserialization): string {
  const value = JSON.parse(body) as unknown;
  const reversed = (v: unknown): unknown =>
    Array.isArray(v) ? v.map(reversed) : v && typeof v === 'object' ? Object.fromEntries(Object.entries(v).reverse().map(([k, x]) => [k, reversed(x)])) : v;
  switch (style) {
    case 'indent':
      return JSON.stringify(value, null, '\t'); // neither compact (Zoom) nor two spaces (Stripe)
    case 'reverse-keys':
      return JSON.stringify(reversed(value));
    case 'escape-unicode':
      return body.replace(/"event"/, '"\\u0065vent"');
    case 'surrounding-whitespace':
      return ` ${body} `;
    case 'trailing-newline':
      return `${body}\n`;
  }
}

function flipBit(bytes: Buffer, position: number, bit: number): Buffer {
  const copy = Buffer.from(bytes);
  const index = position % copy.length;
  copy[index] = copy[index]! ^ (1 << bit);
  return copy;
}

function tamperSignature(signature: string, change: Extract<ZoomTamper, { kind: 'signature' }>['change'], position: number, body: string, ts: string): string {
  const hex = signature.slice(3);
  switch (change) {
    case 'flip-hex': {
      const index = position % hex.length;
      const replacement = hex[index] === '0' ? '1' : '0';
      return `v0=${hex.slice(0, index)}${replacement}${hex.slice(index + 1)}`;
    }
    case 'uppercase':
      return `v0=${hex.toUpperCase()}`;
    case 'truncate':
      return signature.slice(0, 3 + (position % hex.length));
    case 'scheme':
      return `v1=${hex}`;
    case 'no-scheme':
      return hex;
    case 'doubled':
      return `${signature},${signature}`;
    case 'sha1':
      return `v0=${createHmac('sha1', app.zoom.webhookSecret).update(`v0:${ts}:${body}`).digest('hex')}`;
  }
}

interface Outgoing {
  body: Buffer | string;
  headers: Record<string, string>;
}

function zoomRequest(baseIndex: number, tamper: ZoomTamper): Outgoing {
  const body = zoomBodies[baseIndex % zoomBodies.length]!;
  const now = Math.floor(Date.now() / 1000);
  const ts = String(now);
  const genuine = signZoomWebhook(body, app.zoom.webhookSecret, ts);
  const signed = (signature: string, timestamp = ts) => ({ 'x-zm-signature': signature, 'x-zm-request-timestamp': timestamp });
  switch (tamper.kind) {
    case 'flip-body-bit':
      return { body: flipBit(Buffer.from(body), tamper.position, tamper.bit), headers: signed(genuine) };
    case 'reserialize':
      return { body: reserialize(body, tamper.style), headers: signed(genuine) };
    case 'signature':
      return { body, headers: signed(tamperSignature(genuine, tamper.change, tamper.position, body, ts)) };
    case 'timestamp-header': {
      const header = { shift: String(now + tamper.shift), milliseconds: `${ts}000`, 'leading-zero': `0${ts}`, decimal: `${ts}.0` }[tamper.change];
      return { body, headers: signed(genuine, header) };
    }
    case 'stale-or-future': {
      const shifted = String(now + tamper.shift);
      return { body, headers: signed(signZoomWebhook(body, app.zoom.webhookSecret, shifted), shifted) };
    }
    case 'wrong-secret': {
      const secret = tamper.secret === app.zoom.webhookSecret ? `${tamper.secret}x` : tamper.secret;
      return { body, headers: signed(signZoomWebhook(body, secret, ts)) };
    }
    case 'other-body-signature': {
      const others = zoomBodies.filter((other) => other !== body);
      return { body, headers: signed(signZoomWebhook(others[tamper.other % others.length]!, app.zoom.webhookSecret, ts)) };
    }
    case 'missing': {
      const headers: Record<string, string> = {
        signature: { 'x-zm-request-timestamp': ts },
        timestamp: { 'x-zm-signature': genuine },
        both: {},
        'empty-signature': signed('', ts),
        'empty-timestamp': signed(genuine, ''),
        'legacy-authorization-only': { authorization: 'legacy-verification-token' },
      }[tamper.drop];
      return { body, headers };
    }
  }
}

type StripeTamper =
  | { kind: 'flip-body-bit'; position: number; bit: number }
  | { kind: 'reserialize'; style: Reserialization | 'compact' }
  | { kind: 'flip-v1'; position: number }
  | { kind: 'shift-t'; shift: number }
  | { kind: 'stale-or-future'; shift: number }
  | { kind: 'wrong-secret'; secret: string }
  | { kind: 'header'; change: 'missing' | 'empty' | 'v0-only' | 'no-v1' | 'several-wrong-v1' };

const stripeTamper: fc.Arbitrary<StripeTamper> = fc.oneof(
  fc.record({ kind: fc.constant('flip-body-bit' as const), position: fc.nat(), bit: fc.integer({ min: 0, max: 7 }) }),
  fc.record({ kind: fc.constant('reserialize' as const), style: fc.oneof(reserialization, fc.constant('compact' as const)) }),
  fc.record({ kind: fc.constant('flip-v1' as const), position: fc.nat() }),
  fc.record({ kind: fc.constant('shift-t' as const), shift: fc.integer({ min: -299, max: 299 }).filter((n) => n !== 0) }),
  fc.record({ kind: fc.constant('stale-or-future' as const), shift: outsideWindow }),
  fc.record({ kind: fc.constant('wrong-secret' as const), secret: fc.string({ minLength: 1, maxLength: 40 }) }),
  fc.record({ kind: fc.constant('header' as const), change: fc.constantFrom('missing', 'empty', 'v0-only', 'no-v1', 'several-wrong-v1') }),
);

const stripeV1 = (body: string | Buffer, t: number, secret = stripe.webhookSecret) =>
  createHmac('sha256', secret).update(`${t}.`).update(body).digest('hex');

function stripeRequest(baseIndex: number, tamper: StripeTamper): Outgoing {
  const body = stripeBodies[baseIndex % stripeBodies.length]!;
  const t = Math.floor(Date.now() / 1000);
  const genuine = stripeV1(body, t);
  const header = (value: string) => ({ 'stripe-signature': value });
  switch (tamper.kind) {
    case 'flip-body-bit':
      return { body: flipBit(Buffer.from(body), tamper.position, tamper.bit), headers: header(`t=${t},v1=${genuine}`) };
    case 'reserialize': {
      const bytes = tamper.style === 'compact' ? JSON.stringify(JSON.parse(body)) : reserialize(body, tamper.style);
      return { body: bytes, headers: header(`t=${t},v1=${genuine}`) };
    }
    case 'flip-v1': {
      const index = tamper.position % genuine.length;
      return { body, headers: header(`t=${t},v1=${genuine.slice(0, index)}${genuine[index] === '0' ? '1' : '0'}${genuine.slice(index + 1)}`) };
    }
    case 'shift-t':
      return { body, headers: header(`t=${t + tamper.shift},v1=${genuine}`) };
    case 'stale-or-future':
      return { body, headers: header(`t=${t + tamper.shift},v1=${stripeV1(body, t + tamper.shift)}`) };
    case 'wrong-secret': {
      const secret = tamper.secret === stripe.webhookSecret ? `${tamper.secret}x` : tamper.secret;
      return { body, headers: header(`t=${t},v1=${stripeV1(body, t, secret)}`) };
    }
    case 'header': {
      const value = {
        missing: null,
        empty: '',
        'v0-only': `t=${t},v0=${genuine}`,
        'no-v1': `t=${t}`,
        'several-wrong-v1': `t=${t},v1=${stripeV1(body, t, 'a')},v1=${stripeV1(body, t, 'b')}`,
      }[tamper.change];
      return { body, headers: value === null ? {} : header(value) };
    }
  }
}

async function post(path: string, outgoing: Outgoing): Promise<{ status: number; body: string }> {
  const response = await fetch(app.url + path, {
    method: 'POST',
    headers: { 'content-type': 'application/json; charset=utf-8', ...outgoing.headers },
    body: typeof outgoing.body === 'string' ? outgoing.body : new Uint8Array(outgoing.body),
  });
  return { status: response.status, body: await response.text() };
}

describe('webhook signature fuzzing over HTTP', () => {
  it('10,000 tampered deliveries (byte, header, timestamp, re-serialized JSON, wrong secret, missing headers): all refused, nothing stored', async () => {
    const zoomCases = fc.sample(fc.tuple(fc.nat(), zoomTamper), { numRuns: ZOOM_CASES, seed: SEED });
    const stripeCases = fc.sample(fc.tuple(fc.nat(), stripeTamper), { numRuns: STRIPE_CASES, seed: SEED + 1 });
    const requests = [
      ...zoomCases.map(([base, tamper]) => ({ path: '/webhooks/zoom', want: 401, tamper, make: () => zoomRequest(base, tamper) })),
      // Stripe's own handlers answer a failed signature check with 400 (Stripe retries any non-2xx the same way).
      ...stripeCases.map(([base, tamper]) => ({ path: '/webhooks/stripe', want: 400, tamper, make: () => stripeRequest(base, tamper) })),
    ];
    expect(requests).toHaveLength(10_000);
    expect(new Set(zoomCases.map(([, t]) => t.kind)).size).toBe(8);
    expect(new Set(stripeCases.map(([, t]) => t.kind)).size).toBe(7);

    const before = await snapshotState(app.database.owner);
    const accepted: string[] = [];
    let next = 0;
    const worker = async () => {
      while (next < requests.length) {
        const request = requests[next++]!;
        const response = await post(request.path, request.make());
        if (response.status !== request.want) accepted.push(`${request.path} ${JSON.stringify(request.tamper)}: ${response.status} ${response.body.slice(0, 120)}`);
      }
    };
    await Promise.all(Array.from({ length: CONCURRENCY }, worker));

    expect(accepted.slice(0, 20)).toEqual([]);
    // Zero jobs, deliveries, engagements, sessions ended or tokens deleted: every table as it was.
    expect(changedTables(before, await snapshotState(app.database.owner))).toEqual([]);
  }, 60_000);

  it('the same deliveries untampered are accepted and stored (so the check above can see a slip)', async () => {
    const jobs = async () => (await app.database.owner`select count(*)::int as n from pgboss.job where name = 'engagement.process'`)[0]!.n as number;
    const before = await jobs();
    const ts = String(Math.floor(Date.now() / 1000));
    const ended = await post('/webhooks/zoom', {
      body: zoomBodies[0]!,
      headers: { 'x-zm-request-timestamp': ts, 'x-zm-signature': signZoomWebhook(zoomBodies[0]!, app.zoom.webhookSecret, ts) },
    });
    expect(ended).toMatchObject({ status: 200, body: '{"status":"accepted"}' });
    expect(await jobs()).toBe(before + 1);

    for (const body of stripeBodies) {
      const t = Math.floor(Date.now() / 1000);
      expect((await post('/webhooks/stripe', { body, headers: { 'stripe-signature': `t=${t},v1=${stripeV1(body, t)}` } })).status).toBe(200);
    }
    const [stored] = await app.database.owner`select count(*)::int as n from webhook_deliveries where source = 'stripe'`;
    expect(stored!.n).toBeGreaterThan(0);
  });
});
