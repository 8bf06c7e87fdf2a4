import { randomUUID } from 'node:crypto';
import { and, eq } from 'drizzle-orm';
import express, { Router } from 'express';
import { notifications, organizations, usagePeriods, webhookDeliveries } from '../../db/schema';
import { withOrg, withSystemLookup, type Tx } from '../../db/tenant';
import { checkoutSchema, type BillingView } from '../contract/api';
import { recordAudit } from '../audit/audit-log';
import { requireRole, requireUser } from '../auth/current-user';
import { conflict } from '../http/errors';
import { getOrg } from '../orgs/organizations';
import type { Services } from '../services';
import { entitlement, monthlyLimit, PLANS, planById } from './plans';
import { verifyStripeWebhook, StripeWebhookError, type StripeBillingEvent } from './stripe-events';
import { createStripeGateway, type BillingSubscription, type StripeGateway } from './stripe-gateway';
import { usagePeriodStart } from './usage';

type Organization = typeof organizations.$inferSelect;

function gatewayFor(services: Services): StripeGateway | null {
  const { stripe } = services.config;
  if (!stripe.enabled || !stripe.secretKey) return null;
  return createStripeGateway({ secretKey: stripe.secretKey, ...(stripe.apiBaseUrl ? { apiBaseUrl: stripe.apiBaseUrl } : {}) });
}

/** Applies what Stripe says the subscription is now; a failed payment starts the grace clock once. */
async function applySubscription(tx: Tx, org: Organization, subscription: BillingSubscription | null, now: Date): Promise<void> {
  const status = subscription?.status ?? 'canceled';
  const pastDue = status === 'past_due' || status === 'unpaid';
  await tx
    .update(organizations)
    .set({
      plan: subscription && status !== 'canceled' ? subscription.planId : 'free',
      seats: subscription?.seats ?? 1,
      stripeSubscriptionId: subscription?.id ?? null,
      subscriptionStatus: status,
      pastDueSince: pastDue ? (org.pastDueSince ?? now) : null,
      currentPeriodStart: subscription?.currentPeriodStart ?? null,
      currentPeriodEnd: subscription?.currentPeriodEnd ?? null,
      subscriptionSyncedAt: now,
      updatedAt: now,
    })
    .where(eq(organizations.id, org.id));
}

async function findOrgForEvent(services: Services, event: Exclude<StripeBillingEvent, { type: 'ignored' }>): Promise<Organization | undefined> {
  return withSystemLookup(services.db, async (tx) => {
    if (event.customerId) {
      const [byCustomer] = await tx.select().from(organizations).where(eq(organizations.stripeCustomerId, event.customerId)).limit(1);
      if (byCustomer) return byCustomer;
    }
    if (event.orgId && /^[0-9a-f-]{36}$/i.test(event.orgId)) {
      const [byId] = await tx.select().from(organizations).where(eq(organizations.id, event.orgId)).limit(1);
      return byId;
    }
    return undefined;
  });
}

/**
 * POST /webhooks/stripe: signature over the raw body (300 s tolerance), idempotent by event id, and
 * never trusting event order: each event makes us read the subscription from Stripe and apply that.
 */
export function stripeWebhookRoutes(services: Services): Router {
  const router = Router();
  router.post('/webhooks/stripe', express.raw({ type: () => true, limit: '512kb' }), async (req, res) => {
    const gateway = gatewayFor(services);
    if (!gateway) {
      res.status(404).json({ error: { code: 'billing_disabled', message: 'Billing is not configured on this server.' } });
      return;
    }
    let event: StripeBillingEvent;
    try {
      event = verifyStripeWebhook(Buffer.isBuffer(req.body) ? req.body : Buffer.alloc(0), req.headers['stripe-signature'], services.config.stripe.webhookSecret ?? '', services.clock.now());
    } catch (error) {
      if (error instanceof StripeWebhookError) {
        res.status(400).json({ error: { code: error.reason, message: error.message } });
        return;
      }
      throw error;
    }
    if (event.type === 'ignored') {
      res.json({ status: 'ignored' });
      return;
    }
    const org = await findOrgForEvent(services, event);
    if (!org) {
      res.json({ status: 'ignored', reason: 'no organization for this customer' });
      return;
    }
    const customerId = event.customerId ?? org.stripeCustomerId;
    // Read before storing the delivery: if Stripe is unreachable we answer 5xx and Stripe retries.
    const current = customerId ? await gateway.getCustomerSubscription(customerId) : null;
    const now = services.clock.now();
    const outcome = await withOrg(services.db, org.id, async (tx) => {
      const [fresh] = await tx
        .insert(webhookDeliveries)
        .values({ orgId: org.id, source: 'stripe', dedupeKey: event.eventId, event: event.type })
        .onConflictDoNothing()
        .returning({ id: webhookDeliveries.id });
      if (!fresh) return 'duplicate';
      if (customerId && !org.stripeCustomerId) await tx.update(organizations).set({ stripeCustomerId: customerId }).where(eq(organizations.id, org.id));
      await applySubscription(tx, org, current, now);
      if (event.type === 'invoice.payment_failed') {
        await tx
          .insert(notifications)
          .values({ orgId: org.id, kind: 'payment_failed', audience: 'admin', dedupeKey: `payment_failed:${event.invoiceId}`, message: 'A payment failed. Update the payment method in Settings > Billing within 7 days to keep the paid features.' })
          .onConflictDoNothing();
      }
      await recordAudit(tx, { orgId: org.id, actorUserId: null, actorLabel: 'Stripe', action: 'billing.subscription_changed', details: { event: event.type, status: current?.status ?? 'canceled', plan: current?.planId ?? 'free' } });
      return 'applied';
    });
    res.json({ status: outcome });
  });
  return router;
}

/** Settings > Billing: plan, status, usage against the limit, invoices; Checkout and the Portal for the rest. */
export function billingRoutes(services: Services): Router {
  const router = Router();
  const admin = requireRole('admin');

  router.get('/api/billing', admin, async (req, res) => {
    const auth = requireUser(req);
    const gateway = gatewayFor(services);
    const now = services.clock.now();
    const { org, used } = await withOrg(services.db, auth.orgId, async (tx) => {
      const org = await getOrg(tx, auth.orgId);
      const period = usagePeriodStart(now, org.currentPeriodStart);
      const [usage] = await tx.select().from(usagePeriods).where(and(eq(usagePeriods.orgId, auth.orgId), eq(usagePeriods.periodStart, period)));
      return { org, used: usage?.summariesUsed ?? 0 };
    });
    const access = entitlement({ plan: org.plan, status: org.subscriptionStatus, pastDueSince: org.pastDueSince, now });
    const invoices = gateway && org.stripeCustomerId ? await gateway.listInvoices(org.stripeCustomerId, { limit: 12 }) : [];
    const view: BillingView = {
      enabled: gateway !== null,
      plan: org.plan,
      planName: planById(org.plan).name,
      seats: org.seats,
      status: org.subscriptionStatus,
      banner: access.banner,
      graceEndsAt: access.graceEndsAt?.toISOString() ?? null,
      currentPeriodEnd: org.currentPeriodEnd?.toISOString() ?? null,
      usage: { used, limit: monthlyLimit(access.plan, org.seats), periodStart: usagePeriodStart(now, org.currentPeriodStart) },
      plans: PLANS.map((plan) => ({ id: plan.id, name: plan.name, pricePerSeatUsd: plan.pricePerSeatUsd, summariesPerSeat: plan.summariesPerSeat, summariesFlat: plan.summariesFlat, features: plan.features })),
      invoices: invoices.map((invoice) => ({ ...invoice, created: invoice.created.toISOString() })),
    };
    res.json(view);
  });

  router.post('/api/billing/checkout', admin, async (req, res) => {
    const auth = requireUser(req);
    const input = checkoutSchema.parse(req.body);
    const gateway = gatewayFor(services);
    if (!gateway) throw conflict('Billing is not configured on this server; the free plan applies.');
    if (planById(input.planId).stripeLookupKey === null) throw conflict('The free plan needs no checkout.');
    const org = await withOrg(services.db, auth.orgId, (tx) => getOrg(tx, auth.orgId));
    // A second Checkout would start a second subscription, billed alongside the first.
    if (org.stripeSubscriptionId && ['active', 'trialing', 'past_due', 'unpaid'].includes(org.subscriptionStatus)) {
      throw conflict('There is already a subscription: change the plan or seats in the billing portal (Manage billing).');
    }
    const customerId = await gateway.ensureCustomer({ orgId: org.id, name: org.name, email: null, existingCustomerId: org.stripeCustomerId });
    const base = services.config.publicUrl;
    const session = await gateway.createCheckoutSession({
      customerId,
      planId: input.planId,
      seats: input.seats,
      orgId: org.id,
      successUrl: `${base}/app/settings/billing?checkout=success`,
      cancelUrl: `${base}/app/settings/billing?checkout=cancelled`,
      attemptId: randomUUID(),
    });
    await withOrg(services.db, auth.orgId, async (tx) => {
      await tx.update(organizations).set({ stripeCustomerId: customerId }).where(eq(organizations.id, org.id));
      await recordAudit(tx, { orgId: org.id, actorUserId: auth.userId, actorLabel: auth.name, action: 'billing.checkout_started', details: { planId: input.planId, seats: input.seats } });
    });
    res.json({ url: session.url });
  });

  router.post('/api/billing/portal', admin, async (req, res) => {
    const auth = requireUser(req);
    const gateway = gatewayFor(services);
    if (!gateway) throw conflict('Billing is not configured on this server; the free plan applies.');
    const org = await withOrg(services.db, auth.orgId, (tx) => getOrg(tx, auth.orgId));
    if (!org.stripeCustomerId) throw conflict('Choose a plan first: there is no billing account to manage yet.');
    const portal = await gateway.createPortalSession({ customerId: org.stripeCustomerId, returnUrl: `${services.config.publicUrl}/app/settings/billing`, attemptId: randomUUID() });
    res.json({ url: portal.url });
  });

  return router;
}
