import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fixedClock } from '../server/clock';
import {
  createStripeGateway,
  StripeGatewayError,
  type StripeGateway,
} from '../server/billing/stripe-gateway';
import { startFakeStripe, type FakeStripe } from './fakes/stripe';

/** The gateway drives the real stripe SDK over HTTP against the fake Stripe. */

let fake: FakeStripe;
let gateway: StripeGateway;
let orgCounter = 0;
const nextOrg = () => `org-${++orgCounter}-${Date.now()}`;

const gatewayFor = (server: FakeStripe, overrides: { secretKey?: string; maxNetworkRetries?: number } = {}) =>
  createStripeGateway({
    secretKey: overrides.secretKey ?? server.secretKey,
    apiBaseUrl: server.url,
    timeoutMs: 5_000,
    maxNetworkRetries: overrides.maxNetworkRetries ?? 2,
  });

async function subscribedOrg(seats = 3, planId: 'team' | 'business' = 'team') {
  const orgId = nextOrg();
  const customerId = await gateway.ensureCustomer({
    orgId,
    name: 'Acme Support',
    email: 'billing@acme.test',
    existingCustomerId: null,
  });
  const session = await gateway.createCheckoutSession({
    customerId,
    orgId,
    planId,
    seats,
    successUrl: 'https://app.test/billing?done=1',
    cancelUrl: 'https://app.test/billing',
  });
  const step = await fake.helpers.completeCheckout(session.id);
  return { orgId, customerId, session, subscriptionId: step.subscription.id };
}

beforeAll(async () => {
  fake = await startFakeStripe();
  gateway = gatewayFor(fake);
});

afterAll(async () => {
  await fake.close();
});

describe('customers', () => {
  it('creates one customer per organization however often it is asked', async () => {
    const orgId = nextOrg();
    const first = await gateway.ensureCustomer({
      orgId,
      name: 'Acme Support',
      email: 'billing@acme.test',
      existingCustomerId: null,
    });
    const second = await gateway.ensureCustomer({
      orgId,
      name: 'Acme Support',
      email: 'billing@acme.test',
      existingCustomerId: null,
    });

    expect(second).toBe(first);
    expect(first).toMatch(/^cus_[A-Za-z0-9]{14}$/);
    const ours = [...fake.state.customers.values()].filter((customer) => customer.metadata.orgId === orgId);
    expect(ours).toHaveLength(1);
    expect(ours[0]).toMatchObject({ name: 'Acme Support', email: 'billing@acme.test' });
  });

  it('keeps one customer when the organization was renamed between two attempts', async () => {
    const orgId = nextOrg();
    const first = await gateway.ensureCustomer({
      orgId,
      name: 'Acme',
      email: 'a@acme.test',
      existingCustomerId: null,
    });
    const second = await gateway.ensureCustomer({
      orgId,
      name: 'Acme Inc.',
      email: 'a@acme.test',
      existingCustomerId: null,
    });

    expect(second).toBe(first);
    expect(fake.state.customers.get(first)?.name).toBe('Acme Inc.');
    expect(
      [...fake.state.customers.values()].filter((customer) => customer.metadata.orgId === orgId),
    ).toHaveLength(1);
  });

  it('reuses the stored customer and updates its details only when they changed', async () => {
    const orgId = nextOrg();
    const customerId = await gateway.ensureCustomer({
      orgId,
      name: 'Beta',
      email: 'b@beta.test',
      existingCustomerId: null,
    });
    const updatesBefore = fake.helpers.requestCount('POST', `/v1/customers/${customerId}`);

    expect(
      await gateway.ensureCustomer({
        orgId,
        name: 'Beta',
        email: 'b@beta.test',
        existingCustomerId: customerId,
      }),
    ).toBe(customerId);
    expect(fake.helpers.requestCount('POST', `/v1/customers/${customerId}`)).toBe(updatesBefore);

    expect(
      await gateway.ensureCustomer({
        orgId,
        name: 'Beta',
        email: 'finance@beta.test',
        existingCustomerId: customerId,
      }),
    ).toBe(customerId);
    expect(fake.state.customers.get(customerId)?.email).toBe('finance@beta.test');
  });

  it('replaces a stored customer that was deleted in Stripe', async () => {
    const orgId = nextOrg();
    const original = await gateway.ensureCustomer({
      orgId,
      name: 'Gamma',
      email: null,
      existingCustomerId: null,
    });
    const response = await fetch(`${fake.url}/v1/customers/${original}`, {
      method: 'DELETE',
      headers: { authorization: `Bearer ${fake.secretKey}` },
    });
    expect(await response.json()).toEqual({ id: original, object: 'customer', deleted: true });

    const replacement = await gateway.ensureCustomer({
      orgId,
      name: 'Gamma',
      email: null,
      existingCustomerId: original,
    });
    expect(replacement).not.toBe(original);
    expect(fake.state.customers.get(replacement)?.metadata.orgId).toBe(orgId);
  });

  it('survives a lost response: the SDK retries with the same key and Stripe replays the first result', async () => {
    const orgId = nextOrg();
    fake.helpers.inject({ kind: 'lose-response', method: 'POST', path: '/v1/customers', times: 1 });

    const customerId = await gateway.ensureCustomer({
      orgId,
      name: 'Delta',
      email: 'd@delta.test',
      existingCustomerId: null,
    });

    expect(
      [...fake.state.customers.values()]
        .filter((customer) => customer.metadata.orgId === orgId)
        .map((customer) => customer.id),
    ).toEqual([customerId]);
    const creates = fake.state.requests.filter(
      (request) =>
        request.method === 'POST' &&
        request.path === '/v1/customers' &&
        request.idempotencyKey === `callrecap:customer:${orgId}`,
    );
    expect(creates.map((request) => ({ status: request.status, replayed: request.replayed }))).toEqual([
      { status: 0, replayed: false },
      { status: 200, replayed: true },
    ]);
  });
});

describe('checkout and portal', () => {
  it('opens a subscription Checkout for the plan price found by lookup key, with the organization attached', async () => {
    const orgId = nextOrg();
    const customerId = await gateway.ensureCustomer({
      orgId,
      name: 'Acme',
      email: null,
      existingCustomerId: null,
    });
    const session = await gateway.createCheckoutSession({
      customerId,
      orgId,
      planId: 'business',
      seats: 4,
      successUrl: 'https://app.test/ok',
      cancelUrl: 'https://app.test/no',
    });

    expect(session.id).toMatch(/^cs_test_/);
    expect(session.url).toBe(`${fake.url}/checkout/${session.id}`);
    const record = fake.state.checkoutSessions.get(session.id)!;
    const businessPrice = fake.helpers.priceForLookupKey('callrecap_business_monthly')!;
    expect(record.lineItems).toEqual([{ price: businessPrice.id, quantity: 4 }]);
    expect(record.session).toMatchObject({
      mode: 'subscription',
      customer: customerId,
      client_reference_id: orgId,
      metadata: { orgId, planId: 'business' },
      success_url: 'https://app.test/ok',
      cancel_url: 'https://app.test/no',
      amount_total: 4 * 3900,
    });
    expect(record.subscriptionMetadata).toEqual({ orgId, planId: 'business' });
    const priceLookup = fake.state.requests.findLast(
      (request) => request.method === 'GET' && request.path === '/v1/prices',
    );
    expect(priceLookup?.params).toMatchObject({
      lookup_keys: ['callrecap_business_monthly'],
      active: 'true',
    });
  });

  it('replays the same session for a retried click and opens a new one for a new click', async () => {
    const orgId = nextOrg();
    const customerId = await gateway.ensureCustomer({
      orgId,
      name: 'Acme',
      email: null,
      existingCustomerId: null,
    });
    const input = {
      customerId,
      orgId,
      planId: 'team',
      seats: 2,
      successUrl: 'https://app.test/ok',
      cancelUrl: 'https://app.test/no',
    };

    const first = await gateway.createCheckoutSession({ ...input, attemptId: 'click-1' });
    const retried = await gateway.createCheckoutSession({ ...input, attemptId: 'click-1' });
    const another = await gateway.createCheckoutSession({ ...input, attemptId: 'click-2' });

    expect(retried.id).toBe(first.id);
    expect(another.id).not.toBe(first.id);
  });

  it('refuses plans that cannot be bought, and plans whose price is missing in Stripe', async () => {
    const orgId = nextOrg();
    const customerId = await gateway.ensureCustomer({
      orgId,
      name: 'Acme',
      email: null,
      existingCustomerId: null,
    });
    const input = {
      customerId,
      orgId,
      seats: 1,
      successUrl: 'https://app.test/ok',
      cancelUrl: 'https://app.test/no',
    };
    await expect(gateway.createCheckoutSession({ ...input, planId: 'free' })).rejects.toMatchObject({
      kind: 'plan_not_sellable',
    });
    await expect(gateway.createCheckoutSession({ ...input, planId: 'enterprise' })).rejects.toMatchObject({
      kind: 'plan_not_sellable',
    });

    const unseeded = await startFakeStripe({ seedPlanPrices: false });
    try {
      const bare = gatewayFor(unseeded);
      const bareCustomer = await bare.ensureCustomer({
        orgId,
        name: 'Acme',
        email: null,
        existingCustomerId: null,
      });
      await expect(
        bare.createCheckoutSession({ ...input, customerId: bareCustomer, planId: 'team' }),
      ).rejects.toMatchObject({ kind: 'plan_not_sellable' });
    } finally {
      await unseeded.close();
    }
  });

  it('opens the Customer Portal for the customer with our return URL', async () => {
    const orgId = nextOrg();
    const customerId = await gateway.ensureCustomer({
      orgId,
      name: 'Acme',
      email: null,
      existingCustomerId: null,
    });
    const portal = await gateway.createPortalSession({
      customerId,
      returnUrl: 'https://app.test/settings/billing',
    });

    const id = /\/billing_portal\/(bps_\w+)$/.exec(portal.url)?.[1];
    expect(id).toBeDefined();
    expect(fake.state.portalSessions.get(id!)).toMatchObject({
      customer: customerId,
      return_url: 'https://app.test/settings/billing',
    });
    const page = await fetch(portal.url);
    expect(page.status).toBe(200);
  });

  it('completes on the hosted page and redirects to the success URL with the session id', async () => {
    const orgId = nextOrg();
    const customerId = await gateway.ensureCustomer({
      orgId,
      name: 'Acme',
      email: null,
      existingCustomerId: null,
    });
    const session = await gateway.createCheckoutSession({
      customerId,
      orgId,
      planId: 'team',
      seats: 1,
      successUrl: 'https://app.test/billing?session={CHECKOUT_SESSION_ID}',
      cancelUrl: 'https://app.test/billing',
    });
    const page = await fetch(session.url);
    expect(await page.text()).toContain('Subscribe');

    const paid = await fetch(`${fake.url}/checkout/${session.id}/complete`, {
      method: 'POST',
      redirect: 'manual',
    });
    expect(paid.status).toBe(303);
    expect(paid.headers.get('location')).toBe(`https://app.test/billing?session=${session.id}`);
    expect(fake.state.checkoutSessions.get(session.id)?.session).toMatchObject({
      status: 'complete',
      payment_status: 'paid',
    });
  });
});

describe('subscriptions and invoices', () => {
  it('reads a subscription into our shape', async () => {
    const { orgId, customerId, subscriptionId } = await subscribedOrg(3);
    const subscription = await gateway.getSubscription(subscriptionId);
    const item = fake.state.subscriptions.get(subscriptionId)!.items.data[0]!;

    expect(subscription).toEqual({
      id: subscriptionId,
      customerId,
      status: 'active',
      stripeStatus: 'active',
      planId: 'team',
      seats: 3,
      currentPeriodStart: new Date(item.current_period_start * 1000),
      currentPeriodEnd: new Date(item.current_period_end * 1000),
      cancelAtPeriodEnd: false,
      orgId,
    });
    expect(subscription!.currentPeriodEnd.getTime()).toBeGreaterThan(
      subscription!.currentPeriodStart.getTime() + 27 * 86_400_000,
    );
    expect(await gateway.getSubscription('sub_doesnotexist')).toBeNull();
  });

  it("finds the customer's live subscription over an ended one", async () => {
    const { customerId, subscriptionId, orgId } = await subscribedOrg(2);
    expect(await gateway.cancelSubscription(subscriptionId)).toBe('canceled');
    const again = await gateway.createCheckoutSession({
      customerId,
      orgId,
      planId: 'business',
      seats: 5,
      successUrl: 'https://app.test/ok',
      cancelUrl: 'https://app.test/no',
    });
    const renewed = await fake.helpers.completeCheckout(again.id);

    const current = await gateway.getCustomerSubscription(customerId);
    expect(current).toMatchObject({
      id: renewed.subscription.id,
      planId: 'business',
      seats: 5,
      status: 'active',
    });

    await gateway.cancelSubscription(renewed.subscription.id);
    expect(await gateway.getCustomerSubscription(customerId)).toMatchObject({ status: 'canceled' });
    const noSubscriptions = await gateway.ensureCustomer({
      orgId: nextOrg(),
      name: 'New',
      email: null,
      existingCustomerId: null,
    });
    expect(await gateway.getCustomerSubscription(noSubscriptions)).toBeNull();
  });

  it('reports past_due after a failed renewal, and the scheduled cancellation flag', async () => {
    const { subscriptionId } = await subscribedOrg(1);
    await fake.helpers.failPayment(subscriptionId);
    expect(await gateway.getSubscription(subscriptionId)).toMatchObject({
      status: 'past_due',
      stripeStatus: 'past_due',
    });
    await fake.helpers.recoverPayment(subscriptionId);
    await fake.helpers.scheduleCancellation(subscriptionId, true);
    expect(await gateway.getSubscription(subscriptionId)).toMatchObject({
      status: 'active',
      cancelAtPeriodEnd: true,
    });
  });

  it('lists invoices newest first with their hosted pages', async () => {
    const { customerId, subscriptionId } = await subscribedOrg(3);
    await fake.helpers.failPayment(subscriptionId);

    const invoices = await gateway.listInvoices(customerId);
    expect(invoices).toHaveLength(2);
    const [renewal, first] = invoices;
    expect(first).toMatchObject({ status: 'paid', amountDue: 3 * 1900, currency: 'usd' });
    expect(renewal).toMatchObject({ status: 'open', amountDue: 3 * 1900 });
    expect(first!.number).toMatch(/^[0-9A-F]{8}-0001$/);
    expect(renewal!.number).toMatch(/^[0-9A-F]{8}-0002$/);
    expect(first!.created).toBeInstanceOf(Date);
    const page = await fetch(first!.hostedInvoiceUrl!);
    expect(await page.text()).toContain(first!.number!);
  });

  it('cancels at once, and calling again is harmless', async () => {
    const { subscriptionId } = await subscribedOrg(1);

    expect(await gateway.cancelSubscription(subscriptionId)).toBe('canceled');
    expect(fake.state.subscriptions.get(subscriptionId)).toMatchObject({
      status: 'canceled',
      cancellation_details: { reason: 'cancellation_requested' },
    });
    expect(await gateway.cancelSubscription(subscriptionId)).toBe('already_canceled');
    expect(await gateway.cancelSubscription('sub_neverexisted')).toBe('not_found');

    const deleted = fake.helpers
      .eventsOfType('customer.subscription.deleted')
      .find((event) => event.data.object.id === subscriptionId);
    expect(deleted?.request.idempotency_key).toBe(`callrecap:cancel:${subscriptionId}`);
  });
});

describe('idempotency keys and failures', () => {
  it('sends an Idempotency-Key of our own with every request that changes something', async () => {
    const server = await startFakeStripe();
    try {
      const client = gatewayFor(server);
      const orgId = 'org-keys';
      const customerId = await client.ensureCustomer({
        orgId,
        name: 'Keys',
        email: 'k@keys.test',
        existingCustomerId: null,
      });
      const session = await client.createCheckoutSession({
        customerId,
        orgId,
        planId: 'team',
        seats: 2,
        successUrl: 'https://app.test/ok',
        cancelUrl: 'https://app.test/no',
      });
      await client.createPortalSession({ customerId, returnUrl: 'https://app.test/billing' });
      const { subscription } = await server.helpers.completeCheckout(session.id);
      await client.getSubscription(subscription.id);
      await client.listInvoices(customerId);
      await client.cancelSubscription(subscription.id);

      const mutating = server.helpers.mutatingRequests();
      expect(
        mutating.map((request) => `${request.method} ${request.path.replace(/\/(cus|sub)_\w+/, '/{id}')}`),
      ).toEqual([
        'POST /v1/customers',
        'POST /v1/customers/{id}',
        'POST /v1/checkout/sessions',
        'POST /v1/billing_portal/sessions',
        'DELETE /v1/subscriptions/{id}',
      ]);
      for (const request of mutating) expect(request.idempotencyKey).toMatch(/^callrecap:[a-z-]+:/);
      expect(new Set(mutating.map((request) => request.idempotencyKey)).size).toBe(mutating.length);
    } finally {
      await server.close();
    }
  });

  it('reports a wrong API key as an authentication error', async () => {
    const wrong = gatewayFor(fake, { secretKey: 'sk_test_wrongwrongwrong1234' });
    const error: unknown = await wrong.getSubscription('sub_x').catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(StripeGatewayError);
    expect(error).toMatchObject({ kind: 'authentication', retryable: false, details: { statusCode: 401 } });
  });

  it('rides over transient 5xx answers with the SDK retries, and reports an outage as retryable', async () => {
    const { subscriptionId } = await subscribedOrg(1);
    fake.helpers.inject({
      kind: 'server-error',
      status: 500,
      method: 'GET',
      path: `/v1/subscriptions/${subscriptionId}`,
      times: 2,
    });
    expect(await gateway.getSubscription(subscriptionId)).toMatchObject({ id: subscriptionId });
    expect(fake.helpers.requestCount('GET', `/v1/subscriptions/${subscriptionId}`)).toBe(3);

    fake.helpers.inject({
      kind: 'server-error',
      status: 503,
      method: 'GET',
      path: `/v1/subscriptions/${subscriptionId}`,
      times: 1,
    });
    const error: unknown = await gatewayFor(fake, { maxNetworkRetries: 0 })
      .getSubscription(subscriptionId)
      .catch((caught: unknown) => caught);
    expect(error).toMatchObject({ kind: 'unavailable', retryable: true });
  });

  it('gives up on a hanging Stripe after the timeout', async () => {
    const quick = createStripeGateway({
      secretKey: fake.secretKey,
      apiBaseUrl: fake.url,
      timeoutMs: 300,
      maxNetworkRetries: 0,
    });
    fake.helpers.inject({ kind: 'hang', method: 'GET', path: '/v1/invoices', times: 1 });
    const error: unknown = await quick.listInvoices('cus_any').catch((caught: unknown) => caught);
    expect(error).toMatchObject({ kind: 'unavailable' });
  });
});

describe('the fake keeps Stripe’s REST contract', () => {
  const post = (path: string, body: string, headers: Record<string, string> = {}) =>
    fetch(`${fake.url}${path}`, {
      method: 'POST',
      headers: {
        authorization: `Bearer ${fake.secretKey}`,
        'content-type': 'application/x-www-form-urlencoded',
        ...headers,
      },
      body,
    });

  it('replays an idempotent request and refuses the key with other parameters', async () => {
    const key = `contract-${Date.now()}`;
    const first = await post('/v1/customers', 'name=Zeta&metadata[orgId]=z1', { 'idempotency-key': key });
    const replay = await post('/v1/customers', 'metadata[orgId]=z1&name=Zeta', { 'idempotency-key': key });
    const conflict = await post('/v1/customers', 'name=Other', { 'idempotency-key': key });

    const created = (await first.json()) as { id: string };
    expect(first.headers.get('idempotent-replayed')).toBeNull();
    expect(replay.headers.get('idempotent-replayed')).toBe('true');
    expect(((await replay.json()) as { id: string }).id).toBe(created.id);
    expect(conflict.status).toBe(400);
    expect(await conflict.json()).toMatchObject({ error: { type: 'idempotency_error' } });
  });

  it('answers unknown ids, unknown parameters and bad keys with Stripe-shaped errors', async () => {
    const missing = await fetch(`${fake.url}/v1/customers/cus_missing`, {
      headers: { authorization: `Bearer ${fake.secretKey}` },
    });
    expect(missing.status).toBe(404);
    expect(await missing.json()).toEqual({
      error: {
        type: 'invalid_request_error',
        code: 'resource_missing',
        message: "No such customer: 'cus_missing'",
        param: 'id',
        doc_url: 'https://stripe.com/docs/error-codes/resource-missing',
      },
    });

    const unknown = await post('/v1/customers', 'nmae=typo');
    expect(unknown.status).toBe(400);
    expect(await unknown.json()).toMatchObject({
      error: { code: 'parameter_unknown', param: 'nmae', message: 'Received unknown parameter: nmae' },
    });

    const badKey = await fetch(`${fake.url}/v1/customers/cus_missing`, {
      headers: { authorization: 'Bearer sk_test_notthekey1234' },
    });
    expect(badKey.status).toBe(401);
    expect(await badKey.json()).toEqual({
      error: { type: 'invalid_request_error', message: 'Invalid API Key provided: sk_test_****1234' },
    });
  });

  it('pages lists newest first with starting_after and has_more', async () => {
    const server = await startFakeStripe({ seedPlanPrices: false });
    try {
      const auth = { authorization: `Bearer ${server.secretKey}` };
      const create = (name: string) =>
        fetch(`${server.url}/v1/customers`, {
          method: 'POST',
          headers: { ...auth, 'content-type': 'application/x-www-form-urlencoded' },
          body: `name=${name}`,
        });
      for (const name of ['one', 'two', 'three']) await create(name);
      type Page = {
        object: string;
        data: Array<{ id: string; name: string }>;
        has_more: boolean;
        url: string;
      };
      const first = (await (
        await fetch(`${server.url}/v1/customers?limit=2`, { headers: auth })
      ).json()) as Page;
      expect(first).toMatchObject({ object: 'list', has_more: true, url: '/v1/customers' });
      expect(first.data.map((customer) => customer.name)).toEqual(['three', 'two']);
      const rest = (await (
        await fetch(`${server.url}/v1/customers?limit=2&starting_after=${first.data[1]!.id}`, {
          headers: auth,
        })
      ).json()) as Page;
      expect(rest.data.map((customer) => customer.name)).toEqual(['one']);
      expect(rest.has_more).toBe(false);
    } finally {
      await server.close();
    }
  });

  it('expires an unpaid Checkout session after 24 hours', async () => {
    const clock = fixedClock(new Date('2026-05-01T00:00:00Z'));
    const server = await startFakeStripe({ clock });
    try {
      const client = gatewayFor(server);
      const customerId = await client.ensureCustomer({
        orgId: 'org-expiry',
        name: 'Late',
        email: null,
        existingCustomerId: null,
      });
      const session = await client.createCheckoutSession({
        customerId,
        orgId: 'org-expiry',
        planId: 'team',
        seats: 1,
        successUrl: 'https://app.test/ok',
        cancelUrl: 'https://app.test/no',
      });
      clock.advance(24 * 60 * 60 * 1000);
      expect((await fetch(session.url)).status).toBe(410);
      await expect(server.helpers.completeCheckout(session.id)).rejects.toThrow(/expired/);
      expect(server.state.subscriptions.size).toBe(0);
    } finally {
      await server.close();
    }
  });

  it('reads nested form keys (line_items[0][price]) and names the bad one in errors', async () => {
    const customer = (await (await post('/v1/customers', 'name=Eta')).json()) as { id: string };
    const teamPrice = fake.helpers.priceForLookupKey('callrecap_team_monthly')!;
    const ok = await post(
      '/v1/checkout/sessions',
      `mode=subscription&customer=${customer.id}&line_items[0][price]=${teamPrice.id}&line_items[0][quantity]=7&subscription_data[metadata][orgId]=o7&success_url=https%3A%2F%2Fapp.test%2Fok`,
    );
    const session = (await ok.json()) as { id: string; amount_total: number };
    expect(session.amount_total).toBe(7 * 1900);
    expect(fake.state.checkoutSessions.get(session.id)).toMatchObject({
      lineItems: [{ price: teamPrice.id, quantity: 7 }],
      subscriptionMetadata: { orgId: 'o7' },
    });

    const bad = await post(
      '/v1/checkout/sessions',
      `mode=subscription&customer=${customer.id}&line_items[0][price]=price_nope`,
    );
    expect(bad.status).toBe(404);
    expect(await bad.json()).toMatchObject({
      error: {
        code: 'resource_missing',
        param: 'line_items[0][price]',
        message: "No such price: 'price_nope'",
      },
    });
  });
});
