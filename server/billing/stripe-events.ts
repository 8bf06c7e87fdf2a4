import Stripe from 'stripe';
import { z } from 'zod';
import { planIdSchema, type PlanId } from './plans';
import {
  ourSubscriptionOrNull,
  stripeIdOf,
  stripeMetadataSchema,
  stripeSubscriptionSchema,
  type BillingSubscription,
} from './stripe-gateway';

/**
 * Stripe webhooks: the SDK checks the signature and age (300 s), then we read the few event types
 * billing reacts to into our own union. Deduplicating by event id and ordering (Stripe does not
 * promise order: re-fetch the subscription rather than trust a snapshot) are the caller's job.
 */

export const STRIPE_WEBHOOK_TOLERANCE_SECONDS = 300;

export type StripeWebhookFailure = 'missing_signature' | 'bad_signature' | 'stale' | 'malformed';

export class StripeWebhookError extends Error {
  constructor(
    readonly reason: StripeWebhookFailure,
    message: string,
  ) {
    super(message);
    this.name = 'StripeWebhookError';
  }
}

interface EventBase {
  eventId: string;
  created: Date;
  livemode: boolean;
}

export interface CheckoutCompletedEvent extends EventBase {
  type: 'checkout.session.completed';
  checkoutSessionId: string;
  customerId: string | null;
  subscriptionId: string | null;
  orgId: string | null;
  planId: PlanId | null;
  /** False for delayed payment methods, which settle later (then invoice.paid follows). */
  paid: boolean;
}

export interface SubscriptionChangedEvent extends EventBase {
  type: 'customer.subscription.created' | 'customer.subscription.updated' | 'customer.subscription.deleted';
  subscriptionId: string;
  customerId: string;
  orgId: string | null;
  /** The subscription as it was when the event happened; null when it is not for one of our plans. */
  subscription: BillingSubscription | null;
  /** Stripe's status before this change, when the status is what changed. */
  previousStripeStatus: string | null;
}

export interface InvoiceEvent extends EventBase {
  type: 'invoice.paid' | 'invoice.payment_failed';
  invoiceId: string;
  customerId: string | null;
  subscriptionId: string | null;
  orgId: string | null;
  amountDue: number;
  currency: string;
  attemptCount: number;
  /** When Stripe retries a failed payment next; null when it will not. */
  nextPaymentAttempt: Date | null;
}

export interface IgnoredEvent extends EventBase {
  type: 'ignored';
  eventType: string;
}

export type StripeBillingEvent =
  CheckoutCompletedEvent | SubscriptionChangedEvent | InvoiceEvent | IgnoredEvent;

/**
 * Verifies a delivery (the raw body exactly as received, and the Stripe-Signature header) and reads it.
 * Throws StripeWebhookError: answer 400 to it, so Stripe shows the failure and retries.
 */
export function verifyStripeWebhook(
  rawBody: Buffer,
  signatureHeader: string | string[] | undefined,
  secret: string,
  now: Date = new Date(),
): StripeBillingEvent {
  if (secret.trim() === '') throw new Error('The Stripe webhook signing secret is not configured.');
  if (typeof signatureHeader !== 'string' || signatureHeader.trim() === '') {
    throw new StripeWebhookError('missing_signature', 'The Stripe-Signature header is missing.');
  }
  let event: unknown;
  try {
    event = Stripe.webhooks.constructEvent(
      rawBody,
      signatureHeader,
      secret,
      STRIPE_WEBHOOK_TOLERANCE_SECONDS,
      undefined,
      now.getTime(),
    );
  } catch (error) {
    if (error instanceof Stripe.errors.StripeSignatureVerificationError) {
      if (signedButOld(rawBody, signatureHeader, secret)) {
        throw new StripeWebhookError(
          'stale',
          `The signature is older than ${STRIPE_WEBHOOK_TOLERANCE_SECONDS} seconds (a replay, or our clock is off).`,
        );
      }
      throw new StripeWebhookError(
        'bad_signature',
        'The Stripe-Signature does not match the body and our signing secret.',
      );
    }
    // The signature matched but the body is not JSON.
    throw new StripeWebhookError('malformed', 'The signed body is not JSON.');
  }
  // stripe-node only bounds the age; a signature dated ahead of us would stretch the replay window.
  const signedAt = Number(/(?:^|,)\s*t=(\d+)/.exec(signatureHeader)?.[1]);
  if (signedAt * 1000 > now.getTime() + STRIPE_WEBHOOK_TOLERANCE_SECONDS * 1000) {
    throw new StripeWebhookError('stale', `The signature is dated more than ${STRIPE_WEBHOOK_TOLERANCE_SECONDS} seconds ahead of our clock.`);
  }
  return parseStripeEvent(event);
}

/** The signature is genuine once the age check is left out (tolerance 0 skips it since stripe-node 23). */
function signedButOld(rawBody: Buffer, signatureHeader: string, secret: string): boolean {
  try {
    return Stripe.webhooks.signature?.verifyHeader(rawBody, signatureHeader, secret, 0) ?? false;
  } catch {
    return false;
  }
}

// ---- Reading events (also for payloads stored earlier and processed in a job) ----

const envelopeSchema = z.object({
  id: z.string().min(1),
  object: z.literal('event'),
  type: z.string().min(1),
  created: z.number().int(),
  livemode: z.boolean().default(false),
  data: z.object({
    object: z.unknown(),
    previous_attributes: z.record(z.string(), z.unknown()).optional(),
  }),
});

const checkoutSessionSchema = z.object({
  id: z.string(),
  object: z.literal('checkout.session'),
  customer: stripeIdOf.nullish(),
  subscription: stripeIdOf.nullish(),
  client_reference_id: z.string().nullish(),
  metadata: stripeMetadataSchema,
  payment_status: z.string(),
});

const invoiceSchema = z.object({
  id: z.string(),
  object: z.literal('invoice'),
  customer: stripeIdOf.nullish(),
  amount_due: z.number().int(),
  currency: z.string(),
  attempt_count: z.number().int().default(0),
  next_payment_attempt: z.number().nullish(),
  metadata: stripeMetadataSchema,
  parent: z
    .object({
      subscription_details: z.object({ subscription: stripeIdOf, metadata: stripeMetadataSchema }).nullish(),
    })
    .nullish(),
  // Where API versions before 2025-03-31 put the subscription (a webhook endpoint may be pinned to one).
  subscription: stripeIdOf.nullish(),
  subscription_details: z.object({ metadata: stripeMetadataSchema }).nullish(),
});

const HANDLED = new Set([
  'checkout.session.completed',
  'customer.subscription.created',
  'customer.subscription.updated',
  'customer.subscription.deleted',
  'invoice.paid',
  'invoice.payment_failed',
]);

/** Reads a Stripe event (already verified) into our union; types billing does not react to are 'ignored'. */
export function parseStripeEvent(payload: unknown): StripeBillingEvent {
  const envelope = envelopeSchema.safeParse(payload);
  if (!envelope.success)
    throw new StripeWebhookError('malformed', `Not a Stripe event: ${z.prettifyError(envelope.error)}`);
  const event = envelope.data;
  const base: EventBase = {
    eventId: event.id,
    created: new Date(event.created * 1000),
    livemode: event.livemode,
  };
  if (!HANDLED.has(event.type)) return { ...base, type: 'ignored', eventType: event.type };
  try {
    return readHandled(event, base);
  } catch (error) {
    if (error instanceof z.ZodError)
      throw new StripeWebhookError('malformed', `${event.type} ${event.id}: ${z.prettifyError(error)}`);
    throw error;
  }
}

function readHandled(event: z.infer<typeof envelopeSchema>, base: EventBase): StripeBillingEvent {
  switch (event.type) {
    case 'checkout.session.completed': {
      const session = checkoutSessionSchema.parse(event.data.object);
      const planId = planIdSchema.safeParse(session.metadata.planId);
      return {
        ...base,
        type: 'checkout.session.completed',
        checkoutSessionId: session.id,
        customerId: session.customer ?? null,
        subscriptionId: session.subscription ?? null,
        orgId: session.client_reference_id ?? session.metadata.orgId ?? null,
        planId: planId.success ? planId.data : null,
        paid: session.payment_status === 'paid' || session.payment_status === 'no_payment_required',
      };
    }
    case 'customer.subscription.created':
    case 'customer.subscription.updated':
    case 'customer.subscription.deleted': {
      const subscription = stripeSubscriptionSchema.parse(event.data.object);
      const previousStatus = event.data.previous_attributes?.status;
      return {
        ...base,
        type: event.type,
        subscriptionId: subscription.id,
        customerId: subscription.customer,
        orgId: subscription.metadata.orgId ?? null,
        subscription: ourSubscriptionOrNull(subscription),
        previousStripeStatus: typeof previousStatus === 'string' ? previousStatus : null,
      };
    }
    case 'invoice.paid':
    case 'invoice.payment_failed': {
      const invoice = invoiceSchema.parse(event.data.object);
      const details = invoice.parent?.subscription_details;
      return {
        ...base,
        type: event.type,
        invoiceId: invoice.id,
        customerId: invoice.customer ?? null,
        subscriptionId: details?.subscription ?? invoice.subscription ?? null,
        orgId:
          details?.metadata.orgId ??
          invoice.subscription_details?.metadata.orgId ??
          invoice.metadata.orgId ??
          null,
        amountDue: invoice.amount_due,
        currency: invoice.currency,
        attemptCount: invoice.attempt_count,
        nextPaymentAttempt: invoice.next_payment_attempt
          ? new Date(invoice.next_payment_attempt * 1000)
          : null,
      };
    }
    default:
      return { ...base, type: 'ignored', eventType: event.type };
  }
}

/**
 * A Stripe-Signature header for a payload, made by the SDK itself: for tests, the fake Stripe and the
 * simulator. `timestamp` defaults to now.
 */
export function generateTestHeader(input: { payload: string; secret: string; timestamp?: Date }): string {
  return Stripe.webhooks.generateTestHeaderString({
    payload: input.payload,
    secret: input.secret,
    ...(input.timestamp ? { timestamp: Math.floor(input.timestamp.getTime() / 1000) } : {}),
  });
}
