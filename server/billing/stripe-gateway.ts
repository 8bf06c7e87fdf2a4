import { randomUUID } from 'node:crypto';
import Stripe from 'stripe';
import { z } from 'zod';
import { planById, planForPriceLookupKey, planIdSchema, type PlanId, type SubscriptionStatus } from './plans';

/**
 * CallRecap's only door to Stripe's API. Callers get our own small shapes and errors, never the SDK's
 * types. Card details never pass through here: Checkout and the Customer Portal collect them.
 * Every mutating call carries an idempotency key derived from what it does, so a retry after a lost
 * response (ours or the SDK's own) cannot create a second customer or session.
 */

export interface StripeGatewaySettings {
  secretKey: string;
  /** A Stripe-compatible server (the fake in tests and the demo); Stripe itself when absent. */
  apiBaseUrl?: string;
  timeoutMs?: number;
  maxNetworkRetries?: number;
}

export interface BillingSubscription {
  id: string;
  customerId: string;
  /** Our status; `stripeStatus` keeps Stripe's own word for logs. */
  status: SubscriptionStatus;
  stripeStatus: string;
  planId: PlanId;
  seats: number;
  currentPeriodStart: Date;
  currentPeriodEnd: Date;
  cancelAtPeriodEnd: boolean;
  /** From the subscription's metadata, which our Checkout sessions set. */
  orgId: string | null;
}

export interface BillingInvoice {
  id: string;
  number: string | null;
  status: string | null;
  /** In the currency's smallest unit (cents). */
  amountDue: number;
  currency: string;
  hostedInvoiceUrl: string | null;
  created: Date;
}

export type CancelOutcome = 'canceled' | 'already_canceled' | 'not_found';

export interface StripeGateway {
  /** The organization's Stripe customer: the stored one when it still exists, else a new one (once). */
  ensureCustomer(input: {
    orgId: string;
    name: string;
    email: string | null;
    existingCustomerId: string | null;
  }): Promise<string>;
  /**
   * A hosted Checkout page for a per-seat subscription. `attemptId` identifies one click on "Upgrade";
   * pass the same one when retrying that click so Stripe replays the same session.
   */
  createCheckoutSession(input: {
    customerId: string;
    planId: string;
    seats: number;
    successUrl: string;
    cancelUrl: string;
    orgId: string;
    attemptId?: string;
  }): Promise<{ id: string; url: string }>;
  createPortalSession(input: {
    customerId: string;
    returnUrl: string;
    attemptId?: string;
  }): Promise<{ url: string }>;
  getSubscription(subscriptionId: string): Promise<BillingSubscription | null>;
  /** The customer's subscription that matters now: a live one before an unfinished one before an ended one. */
  getCustomerSubscription(customerId: string): Promise<BillingSubscription | null>;
  listInvoices(customerId: string, options?: { limit?: number }): Promise<BillingInvoice[]>;
  /** Cancels at once (account deletion: nothing more may be charged). Safe to repeat. */
  cancelSubscription(subscriptionId: string): Promise<CancelOutcome>;
}

export type StripeGatewayErrorKind =
  | 'unavailable'
  | 'rate_limited'
  | 'authentication'
  | 'invalid_request'
  | 'idempotency_conflict'
  | 'not_found'
  | 'plan_not_sellable'
  | 'unexpected_response';

export class StripeGatewayError extends Error {
  constructor(
    readonly kind: StripeGatewayErrorKind,
    message: string,
    readonly details: { requestId?: string; statusCode?: number; code?: string } = {},
  ) {
    super(message);
    this.name = 'StripeGatewayError';
  }

  /** Worth trying again later (a job retry), as opposed to a request that will keep failing. */
  get retryable(): boolean {
    return this.kind === 'unavailable' || this.kind === 'rate_limited';
  }
}

// ---- Stripe's wire shapes, as far as we read them (unknown fields are dropped) ----

/** An id, or the object it names when expanded. */
export const stripeIdOf = z
  .union([z.string(), z.object({ id: z.string() })])
  .transform((value) => (typeof value === 'string' ? value : value.id));
export const stripeMetadataSchema = z
  .record(z.string(), z.string())
  .nullish()
  .transform((metadata) => metadata ?? {});

export const stripeSubscriptionSchema = z.object({
  id: z.string(),
  object: z.literal('subscription'),
  customer: stripeIdOf,
  status: z.string(),
  cancel_at_period_end: z.boolean(),
  metadata: stripeMetadataSchema,
  // API versions before 2025-03-31 kept the period on the subscription; later ones on each item.
  current_period_start: z.number().optional(),
  current_period_end: z.number().optional(),
  items: z.object({
    data: z.array(
      z.object({
        price: z.object({ id: z.string(), lookup_key: z.string().nullish() }),
        quantity: z.number().int().nullish(),
        current_period_start: z.number().optional(),
        current_period_end: z.number().optional(),
      }),
    ),
  }),
});
export type StripeSubscriptionWire = z.infer<typeof stripeSubscriptionSchema>;

const customerSchema = z.object({
  id: z.string(),
  deleted: z.boolean().optional(),
  name: z.string().nullish(),
  email: z.string().nullish(),
});
const listOf = <T extends z.ZodType>(item: T) => z.object({ data: z.array(item), has_more: z.boolean() });
const priceSchema = z.object({ id: z.string(), lookup_key: z.string().nullish(), active: z.boolean() });
const checkoutSessionSchema = z.object({ id: z.string(), url: z.string().url() });
const portalSessionSchema = z.object({ url: z.string().url() });
const invoiceSchema = z.object({
  id: z.string(),
  number: z.string().nullish(),
  status: z.string().nullish(),
  amount_due: z.number().int(),
  currency: z.string(),
  hosted_invoice_url: z.string().nullish(),
  created: z.number(),
});

const STATUS_FROM_STRIPE: Record<string, SubscriptionStatus> = {
  active: 'active',
  trialing: 'trialing',
  past_due: 'past_due',
  unpaid: 'unpaid',
  canceled: 'canceled',
  incomplete: 'incomplete',
  // The first invoice was never paid within 23 hours: the subscription is over before it began.
  incomplete_expired: 'canceled',
  // A trial ended without a payment method: unpaid, so the grace-then-pause rule applies.
  paused: 'unpaid',
};

/** Our view of a Stripe subscription (from the API or from a webhook's snapshot). */
export function toBillingSubscription(wire: StripeSubscriptionWire): BillingSubscription {
  const item =
    wire.items.data.find((candidate) => planForPriceLookupKey(candidate.price.lookup_key)) ??
    wire.items.data[0];
  const fromPrice = planForPriceLookupKey(item?.price.lookup_key)?.id;
  const fromMetadata = planIdSchema.safeParse(wire.metadata.planId);
  const planId = fromPrice ?? (fromMetadata.success ? fromMetadata.data : undefined);
  if (!item || !planId || planId === 'free') {
    throw new StripeGatewayError(
      'unexpected_response',
      `Subscription ${wire.id} is not for one of our plans (price ${item?.price.id ?? 'none'}).`,
    );
  }
  const periodStart = item.current_period_start ?? wire.current_period_start;
  const periodEnd = item.current_period_end ?? wire.current_period_end;
  if (periodStart === undefined || periodEnd === undefined) {
    throw new StripeGatewayError('unexpected_response', `Subscription ${wire.id} has no current period.`);
  }
  return {
    id: wire.id,
    customerId: wire.customer,
    status: STATUS_FROM_STRIPE[wire.status] ?? 'incomplete',
    stripeStatus: wire.status,
    planId,
    seats: item.quantity ?? 1,
    currentPeriodStart: new Date(periodStart * 1000),
    currentPeriodEnd: new Date(periodEnd * 1000),
    cancelAtPeriodEnd: wire.cancel_at_period_end,
    orgId: wire.metadata.orgId ?? null,
  };
}

/** Like toBillingSubscription, but null for a subscription to something that is not one of our plans. */
export function ourSubscriptionOrNull(wire: StripeSubscriptionWire): BillingSubscription | null {
  try {
    return toBillingSubscription(wire);
  } catch (error) {
    if (error instanceof StripeGatewayError && error.kind === 'unexpected_response') return null;
    throw error;
  }
}

// Live first, then a checkout still being paid, then ended ones; Stripe lists newest first within each.
const STATUS_RANK: Record<SubscriptionStatus, number> = {
  active: 0,
  trialing: 0,
  past_due: 0,
  unpaid: 0,
  incomplete: 1,
  canceled: 2,
  none: 3,
};

export function createStripeGateway(settings: StripeGatewaySettings): StripeGateway {
  const stripe = new Stripe(settings.secretKey, {
    ...hostOptions(settings.apiBaseUrl),
    timeout: settings.timeoutMs ?? 20_000,
    maxNetworkRetries: settings.maxNetworkRetries ?? 2,
    appInfo: { name: 'CallRecap' },
  });

  async function retrieveCustomer(customerId: string) {
    try {
      return customerSchema.parse(await stripe.customers.retrieve(customerId));
    } catch (error) {
      if (isResourceMissing(error)) return null;
      throw error;
    }
  }

  async function retrieveSubscription(subscriptionId: string) {
    try {
      return stripeSubscriptionSchema.parse(await stripe.subscriptions.retrieve(subscriptionId));
    } catch (error) {
      if (isResourceMissing(error)) return null;
      throw error;
    }
  }

  return {
    ensureCustomer: (input) =>
      translated(async () => {
        let customer = input.existingCustomerId ? await retrieveCustomer(input.existingCustomerId) : null;
        if (!customer || customer.deleted) {
          // Created with only what never changes, so a retry with a renamed org still replays the same key.
          const replacing = input.existingCustomerId ? `:replacing:${input.existingCustomerId}` : '';
          customer = customerSchema.parse(
            await stripe.customers.create(
              { metadata: { orgId: input.orgId } },
              { idempotencyKey: `callrecap:customer:${input.orgId}${replacing}` },
            ),
          );
        }
        if ((customer.name ?? null) !== input.name || (customer.email ?? null) !== input.email) {
          // Setting the same values twice is harmless, so the key only has to cover this call's own retries
          // (a key derived from the values would replay a stale update after a rename and back).
          await stripe.customers.update(
            customer.id,
            { name: input.name, email: input.email ?? '' },
            { idempotencyKey: `callrecap:customer-profile:${customer.id}:${randomUUID()}` },
          );
        }
        return customer.id;
      }),

    createCheckoutSession: (input) =>
      translated(async () => {
        const plan = planById(input.planId);
        if (plan.id !== input.planId || !plan.stripeLookupKey) {
          throw new StripeGatewayError('plan_not_sellable', `Plan "${input.planId}" cannot be bought.`);
        }
        if (!Number.isInteger(input.seats) || input.seats < 1)
          throw new StripeGatewayError('invalid_request', 'Seats must be a whole number of at least 1.');
        const prices = listOf(priceSchema).parse(
          await stripe.prices.list({ lookup_keys: [plan.stripeLookupKey], active: true, limit: 1 }),
        );
        const price = prices.data[0];
        if (!price)
          throw new StripeGatewayError(
            'plan_not_sellable',
            `No active Stripe price has lookup_key "${plan.stripeLookupKey}".`,
          );
        const metadata = { orgId: input.orgId, planId: plan.id };
        const session = await stripe.checkout.sessions.create(
          {
            mode: 'subscription',
            customer: input.customerId,
            line_items: [{ price: price.id, quantity: input.seats }],
            client_reference_id: input.orgId,
            metadata,
            // Copied onto the subscription, so its events name the organization too.
            subscription_data: { metadata },
            success_url: input.successUrl,
            cancel_url: input.cancelUrl,
          },
          {
            idempotencyKey: `callrecap:checkout:${input.orgId}:${plan.id}:${input.seats}:${input.attemptId ?? randomUUID()}`,
          },
        );
        return checkoutSessionSchema.parse(session);
      }),

    createPortalSession: (input) =>
      translated(async () => {
        const session = await stripe.billingPortal.sessions.create(
          { customer: input.customerId, return_url: input.returnUrl },
          { idempotencyKey: `callrecap:portal:${input.customerId}:${input.attemptId ?? randomUUID()}` },
        );
        return { url: portalSessionSchema.parse(session).url };
      }),

    getSubscription: (subscriptionId) =>
      translated(async () => {
        const wire = await retrieveSubscription(subscriptionId);
        return wire ? toBillingSubscription(wire) : null;
      }),

    getCustomerSubscription: (customerId) =>
      translated(async () => {
        const list = listOf(stripeSubscriptionSchema).parse(
          await stripe.subscriptions.list({ customer: customerId, status: 'all', limit: 20 }),
        );
        const ours = list.data.map(ourSubscriptionOrNull).filter((subscription) => subscription !== null);
        const ranked = ours.map((subscription, order) => ({ subscription, order }));
        ranked.sort(
          (a, b) =>
            STATUS_RANK[a.subscription.status] - STATUS_RANK[b.subscription.status] || a.order - b.order,
        );
        return ranked[0]?.subscription ?? null;
      }),

    listInvoices: (customerId, options = {}) =>
      translated(async () => {
        const list = listOf(invoiceSchema).parse(
          await stripe.invoices.list({ customer: customerId, limit: options.limit ?? 24 }),
        );
        return list.data
          .filter((invoice) => invoice.status !== 'draft')
          .map((invoice) => ({
            id: invoice.id,
            number: invoice.number ?? null,
            status: invoice.status ?? null,
            amountDue: invoice.amount_due,
            currency: invoice.currency,
            hostedInvoiceUrl: invoice.hosted_invoice_url ?? null,
            created: new Date(invoice.created * 1000),
          }));
      }),

    cancelSubscription: (subscriptionId) =>
      translated(async () => {
        try {
          await stripe.subscriptions.cancel(subscriptionId, undefined, {
            idempotencyKey: `callrecap:cancel:${subscriptionId}`,
          });
          return 'canceled';
        } catch (error) {
          if (!(error instanceof Stripe.errors.StripeInvalidRequestError)) throw error;
          // Stripe answers "No such subscription" for one that is already canceled; tell the two apart.
          const current = await retrieveSubscription(subscriptionId);
          if (!current) return 'not_found';
          if (current.status === 'canceled' || current.status === 'incomplete_expired')
            return 'already_canceled';
          throw error;
        }
      }),
  };
}

function hostOptions(apiBaseUrl: string | undefined): {
  host?: string;
  port?: number;
  protocol?: 'http' | 'https';
} {
  if (!apiBaseUrl) return {};
  const url = new URL(apiBaseUrl);
  if (url.pathname !== '/' && url.pathname !== '') {
    throw new StripeGatewayError(
      'invalid_request',
      `STRIPE_API_BASE_URL must be an origin without a path (got ${apiBaseUrl}).`,
    );
  }
  const protocol = url.protocol === 'http:' ? 'http' : 'https';
  return { host: url.hostname, port: url.port ? Number(url.port) : protocol === 'http' ? 80 : 443, protocol };
}

function isResourceMissing(error: unknown): boolean {
  return error instanceof Stripe.errors.StripeInvalidRequestError && error.code === 'resource_missing';
}

/** Runs one gateway operation, turning SDK and parsing errors into ours. */
async function translated<T>(operation: () => Promise<T>): Promise<T> {
  try {
    return await operation();
  } catch (error) {
    throw toGatewayError(error);
  }
}

function toGatewayError(error: unknown): unknown {
  if (error instanceof StripeGatewayError) return error;
  if (error instanceof z.ZodError) {
    return new StripeGatewayError(
      'unexpected_response',
      `Stripe answered in an unexpected shape: ${z.prettifyError(error)}`,
    );
  }
  if (!(error instanceof Stripe.errors.StripeError)) return error;
  const details = {
    ...(error.requestId ? { requestId: error.requestId } : {}),
    ...(error.statusCode ? { statusCode: error.statusCode } : {}),
    ...(error.code ? { code: error.code } : {}),
  };
  if (error instanceof Stripe.errors.StripeConnectionError || error instanceof Stripe.errors.StripeAPIError) {
    return new StripeGatewayError(
      'unavailable',
      `Stripe is unreachable or failing: ${error.message}`,
      details,
    );
  }
  if (error instanceof Stripe.errors.StripeRateLimitError)
    return new StripeGatewayError('rate_limited', error.message, details);
  if (
    error instanceof Stripe.errors.StripeAuthenticationError ||
    error instanceof Stripe.errors.StripePermissionError
  ) {
    return new StripeGatewayError('authentication', `Stripe rejected our API key: ${error.message}`, details);
  }
  if (error instanceof Stripe.errors.StripeIdempotencyError)
    return new StripeGatewayError('idempotency_conflict', error.message, details);
  if (error.code === 'resource_missing') return new StripeGatewayError('not_found', error.message, details);
  return new StripeGatewayError('invalid_request', error.message, details);
}
