import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BillingView } from '../server/contract/api';
import { seedDemo } from '../server/demo/seed';
import { startFakeStripe, type FakeStripe } from './fakes/stripe';
import { HttpSession, startTestApp, type TestApp } from './helpers/app';

let app: TestApp;
let stripe: FakeStripe;
let admin: HttpSession;
let orgId: string;

beforeAll(async () => {
  stripe = await startFakeStripe({ webhookSecret: 'whsec_flow_test' });
  app = await startTestApp({
    env: { STRIPE_SECRET_KEY: stripe.secretKey, STRIPE_WEBHOOK_SECRET: stripe.webhookSecret, STRIPE_API_BASE_URL: stripe.url },
    start: { role: 'web' },
  });
  stripe.helpers.setWebhookUrl(`${app.url}/webhooks/stripe`);
  ({ orgId } = await seedDemo(app.running.services.db, new Date(), 2));
  const [user] = await app.database.owner<{ id: string }[]>`select id from users where role = 'admin'`;
  admin = await HttpSession.signedIn(app, { id: user!.id, orgId, role: 'admin' });
});
afterAll(async () => {
  await app.close();
  await stripe.close();
});

const billing = async () => (await (await admin.get('/api/billing')).json()) as BillingView;
const org = async () => (await app.database.owner`select plan, seats, subscription_status, past_due_since, stripe_customer_id from organizations where id = ${orgId}`)[0]!;

describe('billing with Stripe Checkout, webhooks and the grace period', () => {
  it('starts on the free plan with its limit', async () => {
    const view = await billing();
    expect(view).toMatchObject({ enabled: true, plan: 'free', status: 'none', usage: { limit: 50 } });
  });

  it('subscribes through Checkout; the webhooks move the organization to the paid plan', async () => {
    const response = await admin.post('/api/billing/checkout', { planId: 'team', seats: 4 });
    expect(response.status).toBe(200);
    const { url } = (await response.json()) as { url: string };
    const sessionId = new URL(url).pathname.split('/').pop()!;
    await stripe.helpers.completeCheckout(sessionId);
    await stripe.helpers.webhooksIdle();
    expect(await org()).toMatchObject({ plan: 'team', seats: 4, subscription_status: 'active', past_due_since: null });
    expect((await billing()).usage.limit).toBe(1200);
    const deliveries = await app.database.owner`select count(*)::int as n from webhook_deliveries where source = 'stripe'`;
    expect(deliveries[0]!.n).toBeGreaterThan(0);
  });

  it('a failed payment shows the grace banner, recovery clears it', async () => {
    const { stripe_subscription_id: subscriptionId } = (await app.database.owner`select stripe_subscription_id from organizations where id = ${orgId}`)[0]!;
    await stripe.helpers.failPayment(String(subscriptionId));
    await stripe.helpers.webhooksIdle();
    const failed = await billing();
    expect(failed.banner).toBe('payment_failed_grace');
    expect((await org()).past_due_since).not.toBeNull();
    const [notice] = await app.database.owner`select kind from notifications where kind = 'payment_failed'`;
    expect(notice).toBeDefined();
    await stripe.helpers.recoverPayment(String(subscriptionId));
    await stripe.helpers.webhooksIdle();
    expect((await billing()).banner).toBeNull();
    expect(await org()).toMatchObject({ subscription_status: 'active', past_due_since: null });
  });

  it('refuses unsigned or tampered deliveries and ignores replays', async () => {
    const unsigned = await fetch(`${app.url}/webhooks/stripe`, { method: 'POST', body: '{}', headers: { 'content-type': 'application/json' } });
    expect(unsigned.status).toBe(400);
    const before = (await app.database.owner`select count(*)::int as n from webhook_deliveries`)[0]!.n;
    const [last] = await app.database.owner<{ dedupe_key: string }[]>`select dedupe_key from webhook_deliveries where source = 'stripe' order by received_at desc limit 1`;
    await stripe.helpers.redeliver(last!.dedupe_key);
    await stripe.helpers.webhooksIdle();
    expect((await app.database.owner`select count(*)::int as n from webhook_deliveries`)[0]!.n).toBe(before);
  });

  it('never sees a card: only the customer id and status are stored', async () => {
    const row = await org();
    expect(String(row.stripe_customer_id)).toMatch(/^cus_/);
    const columns = await app.database.owner`select column_name from information_schema.columns where table_schema = 'public' and column_name ~ '(card|pan|cvc|iban)'`;
    expect(columns).toEqual([]);
  });
});
