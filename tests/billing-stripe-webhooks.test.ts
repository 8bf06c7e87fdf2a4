import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import fc from 'fast-check';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import {
  generateTestHeader,
  parseStripeEvent,
  verifyStripeWebhook,
  StripeWebhookError,
  type StripeBillingEvent,
  type SubscriptionChangedEvent,
} from '../server/billing/stripe-events';
import { createStripeGateway, type StripeGateway } from '../server/billing/stripe-gateway';
import { startFakeStripe, type FakeStripe } from './fakes/stripe';

const SECRET = 'whsec_test_secret';
const NOW = new Date('2023-11-14T22:13:20Z'); // Unix 1700000000
const BODY = '{"id":"evt_test","object":"event"}';
// Computed independently (openssl dgst -sha256 -hmac) over "1700000000.{BODY}" under SECRET.
const KNOWN_V1 = '8042376f6ca064adbe037642a718227dfd59047137eb49497a54c49eb0cfb724';

function eventBody(overrides: Record<string, unknown> = {}): string {
  return JSON.stringify({
    id: 'evt_1Abc',
    object: 'event',
    api_version: '2026-10-28.endive',
    created: 1_700_000_000,
    livemode: false,
    type: 'invoice.payment_failed',
    data: {
      object: {
        id: 'in_1Abc',
        object: 'invoice',
        customer: 'cus_Abc',
        amount_due: 5700,
        currency: 'usd',
        attempt_count: 1,
        next_payment_attempt: 1_700_259_200,
        metadata: {},
        parent: {
          type: 'subscription_details',
          quote_details: null,
          subscription_details: { subscription: 'sub_1Abc', metadata: { orgId: 'org-1', planId: 'team' } },
        },
      },
    },
    ...overrides,
  });
}

const verify = (body: string | Buffer, header: string | undefined, now = NOW, secret = SECRET) =>
  verifyStripeWebhook(Buffer.isBuffer(body) ? body : Buffer.from(body), header, secret, now);

function failure(run: () => unknown): string {
  try {
    run();
  } catch (error) {
    if (error instanceof StripeWebhookError) return error.reason;
    throw error;
  }
  return 'accepted';
}

describe('Stripe webhook verification', () => {
  it('signs as Stripe documents: t={unix},v1={hex HMAC-SHA256 of "t.body"}', async () => {
    const fake = await startFakeStripe({ webhookSecret: SECRET, seedPlanPrices: false });
    try {
      expect(fake.helpers.signPayload(BODY, { timestamp: 1_700_000_000 })).toBe(
        `t=1700000000,v1=${KNOWN_V1}`,
      );
    } finally {
      await fake.close();
    }
    expect(generateTestHeader({ payload: BODY, secret: SECRET, timestamp: NOW })).toBe(
      `t=1700000000,v1=${KNOWN_V1}`,
    );
  });

  it('accepts a genuine delivery and reads it', () => {
    const body = eventBody();
    const event = verify(body, generateTestHeader({ payload: body, secret: SECRET, timestamp: NOW }));
    expect(event).toEqual({
      type: 'invoice.payment_failed',
      eventId: 'evt_1Abc',
      created: NOW,
      livemode: false,
      invoiceId: 'in_1Abc',
      customerId: 'cus_Abc',
      subscriptionId: 'sub_1Abc',
      orgId: 'org-1',
      amountDue: 5700,
      currency: 'usd',
      attemptCount: 1,
      nextPaymentAttempt: new Date(1_700_259_200_000),
    });
  });

  it('rejects a tampered body, a wrong secret, and a missing header', () => {
    const body = eventBody();
    const header = generateTestHeader({ payload: body, secret: SECRET, timestamp: NOW });
    expect(failure(() => verify(body.replace('5700', '1'), header))).toBe('bad_signature');
    expect(
      failure(() =>
        verify(body, generateTestHeader({ payload: body, secret: 'whsec_someone_else', timestamp: NOW })),
      ),
    ).toBe('bad_signature');
    expect(failure(() => verify(body, undefined))).toBe('missing_signature');
    expect(failure(() => verify(body, ''))).toBe('missing_signature');
    expect(failure(() => verifyStripeWebhook(Buffer.from(body), [header, header], SECRET, NOW))).toBe(
      'missing_signature',
    );
    expect(failure(() => verify(body, 't=1700000000'))).toBe('bad_signature');
  });

  it('rejects any single flipped bit in the body or the signature', () => {
    const body = Buffer.from(eventBody());
    const header = generateTestHeader({ payload: body.toString(), secret: SECRET, timestamp: NOW });
    fc.assert(
      fc.property(fc.boolean(), fc.nat(), fc.integer({ min: 0, max: 7 }), (inBody, position, bit) => {
        if (inBody) {
          const copy = Buffer.from(body);
          const index = position % copy.length;
          copy[index] = (copy[index] ?? 0) ^ (1 << bit);
          return failure(() => verify(copy, header)) === 'bad_signature';
        }
        const signature = header.slice(header.indexOf('v1=') + 3);
        const index = position % signature.length;
        const flipped =
          signature.slice(0, index) + (signature[index] === '0' ? '1' : '0') + signature.slice(index + 1);
        return failure(() => verify(body, header.replace(signature, flipped))) === 'bad_signature';
      }),
      { numRuns: 200 },
    );
  });

  it('rejects a signature older than 300 seconds as stale, and accepts one just inside', () => {
    const body = eventBody();
    const signedAt = (secondsAgo: number) =>
      generateTestHeader({
        payload: body,
        secret: SECRET,
        timestamp: new Date(NOW.getTime() - secondsAgo * 1000),
      });
    expect(failure(() => verify(body, signedAt(301)))).toBe('stale');
    expect(failure(() => verify(body, signedAt(3600)))).toBe('stale');
    expect(failure(() => verify(body, signedAt(299)))).toBe('accepted');
    // An old header under another secret is a bad signature, not merely late.
    const foreignAndOld = generateTestHeader({
      payload: body,
      secret: 'whsec_someone_else',
      timestamp: new Date(NOW.getTime() - 301_000),
    });
    expect(failure(() => verify(body, foreignAndOld))).toBe('bad_signature');
  });

  it('verifies a replayed delivery again with the same event id: deduplication is the caller’s job', () => {
    const body = eventBody();
    const header = generateTestHeader({ payload: body, secret: SECRET, timestamp: NOW });
    const first = verify(body, header);
    const again = verify(body, header, new Date(NOW.getTime() + 120_000));
    expect(again.eventId).toBe(first.eventId);
    expect(again).toEqual(first);
  });

  it('refuses a signed body that is not a Stripe event, and ignores event types billing does not use', () => {
    const sign = (payload: string) => generateTestHeader({ payload, secret: SECRET, timestamp: NOW });
    expect(failure(() => verify('not json', sign('not json')))).toBe('malformed');
    expect(failure(() => verify('{"hello":1}', sign('{"hello":1}')))).toBe('malformed');
    const wrongShape = eventBody({ data: { object: { id: 'in_1', object: 'invoice' } } });
    expect(failure(() => verify(wrongShape, sign(wrongShape)))).toBe('malformed');

    const other = eventBody({
      type: 'customer.created',
      data: { object: { id: 'cus_1', object: 'customer' } },
    });
    expect(verify(other, sign(other))).toEqual({
      type: 'ignored',
      eventType: 'customer.created',
      eventId: 'evt_1Abc',
      created: NOW,
      livemode: false,
    });
  });

  it('reads invoices from API versions that kept the subscription on the invoice itself', () => {
    const legacy = JSON.parse(eventBody({ type: 'invoice.paid' })) as {
      data: { object: Record<string, unknown> };
    };
    legacy.data.object.parent = null;
    legacy.data.object.subscription = 'sub_legacy';
    legacy.data.object.subscription_details = { metadata: { orgId: 'org-legacy' } };
    expect(parseStripeEvent(legacy)).toMatchObject({
      type: 'invoice.paid',
      subscriptionId: 'sub_legacy',
      orgId: 'org-legacy',
    });
  });
});

interface Received {
  header: string | undefined;
  body: Buffer;
  event: StripeBillingEvent | null;
  failure: string | null;
}

describe('webhooks from the fake Stripe', () => {
  let receiver: Server;
  let fake: FakeStripe;
  let gateway: StripeGateway;
  const received: Received[] = [];
  let answerWith: number | null = null;

  beforeAll(async () => {
    receiver = createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (chunk: Buffer) => chunks.push(chunk));
      req.on('end', () => {
        const body = Buffer.concat(chunks);
        const header = req.headers['stripe-signature'];
        const entry: Received = {
          header: typeof header === 'string' ? header : undefined,
          body,
          event: null,
          failure: null,
        };
        try {
          entry.event = verifyStripeWebhook(body, header, fake.webhookSecret);
        } catch (error) {
          entry.failure = error instanceof StripeWebhookError ? error.reason : String(error);
        }
        received.push(entry);
        res.statusCode = answerWith ?? (entry.event ? 200 : 400);
        res.end();
      });
    });
    await new Promise<void>((resolve) => receiver.listen(0, '127.0.0.1', resolve));
    fake = await startFakeStripe({
      webhookUrl: `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/webhooks/stripe`,
    });
    gateway = createStripeGateway({ secretKey: fake.secretKey, apiBaseUrl: fake.url, maxNetworkRetries: 0 });
  });

  afterAll(async () => {
    await fake.close();
    receiver.closeAllConnections();
    await new Promise<void>((resolve) => receiver.close(() => resolve()));
  });

  beforeEach(() => {
    received.splice(0);
    answerWith = null;
  });

  async function subscribe(orgId: string, seats: number) {
    const customerId = await gateway.ensureCustomer({
      orgId,
      name: orgId,
      email: null,
      existingCustomerId: null,
    });
    const session = await gateway.createCheckoutSession({
      customerId,
      orgId,
      planId: 'team',
      seats,
      successUrl: 'https://app.test/ok',
      cancelUrl: 'https://app.test/no',
    });
    await fake.helpers.webhooksIdle();
    received.splice(0);
    const step = await fake.helpers.completeCheckout(session.id);
    return { customerId, session, subscriptionId: step.subscription.id };
  }

  it('sends a paid checkout as Stripe does, every delivery signed and readable', async () => {
    const { customerId, session, subscriptionId } = await subscribe('org-checkout', 3);

    expect(received.map((entry) => entry.failure)).toEqual(received.map(() => null));
    for (const entry of received) expect(entry.header).toMatch(/^t=\d+,v1=[0-9a-f]{64}$/);
    const events = received.map((entry) => entry.event!);
    expect(
      events.map((event) => (event.type === 'ignored' ? `ignored:${event.eventType}` : event.type)),
    ).toEqual([
      'customer.subscription.created',
      'ignored:invoice.created',
      'ignored:invoice.finalized',
      'invoice.paid',
      'ignored:invoice.payment_succeeded',
      'customer.subscription.updated',
      'checkout.session.completed',
    ]);
    const byType = (type: string) => events.find((event) => event.type === type);
    expect(byType('checkout.session.completed')).toMatchObject({
      checkoutSessionId: session.id,
      customerId,
      subscriptionId,
      orgId: 'org-checkout',
      planId: 'team',
      paid: true,
    });
    expect(byType('customer.subscription.created')).toMatchObject({
      subscriptionId,
      orgId: 'org-checkout',
      subscription: { status: 'incomplete', seats: 3, planId: 'team' },
    });
    expect(byType('customer.subscription.updated')).toMatchObject({
      subscription: { status: 'active' },
      previousStripeStatus: 'incomplete',
    });
    expect(byType('invoice.paid')).toMatchObject({
      customerId,
      subscriptionId,
      orgId: 'org-checkout',
      amountDue: 3 * 1900,
      attemptCount: 1,
      nextPaymentAttempt: null,
    });
    expect(fake.state.deliveries.filter((delivery) => delivery.status !== 200)).toEqual([]);
  });

  it('sends a failed payment then its recovery, and the subscription goes past_due then active', async () => {
    const { subscriptionId } = await subscribe('org-dunning', 2);
    received.splice(0);

    await fake.helpers.failPayment(subscriptionId);
    expect(fake.state.subscriptions.get(subscriptionId)?.status).toBe('past_due');
    const failed = received.map((entry) => entry.event!).filter((event) => event.type !== 'ignored');
    expect(failed).toMatchObject([
      { type: 'invoice.payment_failed', subscriptionId, orgId: 'org-dunning', attemptCount: 1 },
      {
        type: 'customer.subscription.updated',
        subscription: { status: 'past_due' },
        previousStripeStatus: 'active',
      },
    ]);
    expect((failed[0] as { nextPaymentAttempt: Date }).nextPaymentAttempt.getTime()).toBeGreaterThan(
      Date.now(),
    );

    received.splice(0);
    await fake.helpers.failPayment(subscriptionId);
    expect(received.map((entry) => entry.event)).toMatchObject([
      { type: 'invoice.payment_failed', attemptCount: 2 },
    ]);

    received.splice(0);
    await fake.helpers.recoverPayment(subscriptionId);
    expect(fake.state.subscriptions.get(subscriptionId)?.status).toBe('active');
    expect(received.map((entry) => entry.event!).filter((event) => event.type !== 'ignored')).toMatchObject([
      { type: 'invoice.paid', subscriptionId, attemptCount: 3 },
      {
        type: 'customer.subscription.updated',
        subscription: { status: 'active' },
        previousStripeStatus: 'past_due',
      },
    ]);
  });

  it('can deliver out of order; re-fetching the subscription gives the truth whatever the order', async () => {
    const { subscriptionId } = await subscribe('org-order', 1);
    received.splice(0);
    fake.helpers.holdWebhooks();
    await fake.helpers.failPayment(subscriptionId);
    await fake.helpers.recoverPayment(subscriptionId);
    expect(received).toHaveLength(0);
    const createdOrder = fake.helpers.heldWebhooks.map((event) => event.id);

    await fake.helpers.releaseWebhooks('reverse');

    expect(received.map((entry) => entry.event!.eventId)).toEqual([...createdOrder].reverse());
    const updates = received
      .map((entry) => entry.event!)
      .filter((event): event is SubscriptionChangedEvent => event.type === 'customer.subscription.updated');
    expect(updates.map((event) => event.subscription?.status)).toEqual(['active', 'past_due']);
    expect(await gateway.getSubscription(subscriptionId)).toMatchObject({ status: 'active' });
  });

  it('records failed deliveries and redelivers the same event id', async () => {
    const { subscriptionId } = await subscribe('org-redeliver', 1);
    answerWith = 500;
    received.splice(0);
    await fake.helpers.scheduleCancellation(subscriptionId, true);
    const event = fake.helpers.eventsOfType('customer.subscription.updated').at(-1)!;
    expect(fake.state.deliveries.filter((delivery) => delivery.eventId === event.id)).toMatchObject([
      { status: 500, attempt: 1 },
    ]);
    expect(event.pending_webhooks).toBe(1);

    answerWith = null;
    const delivery = await fake.helpers.redeliver(event.id);
    expect(delivery).toMatchObject({ status: 200, attempt: 2 });
    expect(event.pending_webhooks).toBe(0);
    expect(received.map((entry) => entry.event?.eventId)).toEqual([event.id, event.id]);
    expect(received[1]!.event).toMatchObject({
      type: 'customer.subscription.updated',
      subscription: { cancelAtPeriodEnd: true },
    });
  });

  it('lets the receiver refuse tampered, foreign and stale deliveries posted to it', async () => {
    const event = fake.helpers.eventsOfType('checkout.session.completed')[0]!;
    const { body, signature } = fake.helpers.signedEvent(event);
    expect(await fake.helpers.postToWebhook(body, signature)).toBe(200);
    expect(await fake.helpers.postToWebhook(body.replace('"paid"', '"unpaid"'), signature)).toBe(400);
    expect(
      await fake.helpers.postToWebhook(body, fake.helpers.signPayload(body, { secret: 'whsec_attacker' })),
    ).toBe(400);
    expect(
      await fake.helpers.postToWebhook(
        body,
        fake.helpers.signPayload(body, { timestamp: Math.floor(Date.now() / 1000) - 600 }),
      ),
    ).toBe(400);
    expect(await fake.helpers.postToWebhook(body, null)).toBe(400);
    expect(received.map((entry) => entry.failure)).toEqual([
      null,
      'bad_signature',
      'bad_signature',
      'stale',
      'missing_signature',
    ]);
  });
});
