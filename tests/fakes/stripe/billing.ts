import {
  createCustomer,
  createSubscriptionInvoice,
  expireIfDue,
  markInvoicePaid,
  subscriptionItem,
} from './objects';
import {
  addMonths,
  newId,
  snapshot,
  unixNow,
  type FakeEvent,
  type FakeInvoice,
  type FakeSubscription,
  type StripeState,
} from './state';
import type { WebhookDispatcher } from './webhooks';

/**
 * What happens inside Stripe between API calls: a customer paying on the Checkout page, monthly
 * renewals, a card declining and Smart Retries, recovery, cancellations from the Customer Portal.
 * Each step changes the objects and emits the events Stripe emits for it, in Stripe's usual order,
 * then waits until the webhooks have been delivered (unless they are being held).
 */

export interface RequestOrigin {
  id: string;
  idempotencyKey: string | null;
}

export interface BillingStep {
  subscription: FakeSubscription;
  invoice?: FakeInvoice;
  events: FakeEvent[];
}

export interface BillingSimulator {
  /** The customer pays on the hosted Checkout page: a subscription starts and its first invoice is paid. */
  completeCheckout(sessionId: string): Promise<BillingStep>;
  /** The renewal charge (or the next Smart Retry of a past-due invoice) is declined. */
  failPayment(subscriptionId: string, options?: { nextAttemptInDays?: number }): Promise<BillingStep>;
  /** The open invoice is paid (a retry succeeds or the customer updates the card in the portal). */
  recoverPayment(subscriptionId: string): Promise<BillingStep>;
  /** A new period starts and its invoice is paid at once. */
  renew(subscriptionId: string): Promise<BillingStep>;
  /** All retries failed: Stripe cancels the subscription or marks it unpaid, per the account's settings. */
  exhaustPaymentRetries(subscriptionId: string, outcome: 'canceled' | 'unpaid'): Promise<BillingStep>;
  /** The customer cancels (or resumes) in the portal: the subscription ends at the period's end. */
  scheduleCancellation(subscriptionId: string, atPeriodEnd: boolean): Promise<BillingStep>;
  /** The customer changes the seat count in the portal. */
  changeSeats(subscriptionId: string, seats: number): Promise<BillingStep>;
  /** The subscription ends now (an API cancel, or a scheduled cancellation reaching the period's end). */
  cancelNow(
    subscriptionId: string,
    options?: {
      reason?: FakeSubscription['cancellation_details']['reason'];
      request?: RequestOrigin;
      waitForWebhooks?: boolean;
    },
  ): Promise<BillingStep>;
}

const DAY = 86_400;

export function createBillingSimulator(
  state: StripeState,
  dispatcher: WebhookDispatcher,
  publicUrl: string,
): BillingSimulator {
  function subscriptionOrThrow(id: string): FakeSubscription {
    const subscription = state.subscriptions.get(id);
    if (!subscription) throw new Error(`Fake Stripe: no subscription ${id}`);
    return subscription;
  }

  function openInvoiceOf(subscription: FakeSubscription): FakeInvoice | undefined {
    const invoice = subscription.latest_invoice ? state.invoices.get(subscription.latest_invoice) : undefined;
    return invoice?.status === 'open' ? invoice : undefined;
  }

  function startNewPeriod(subscription: FakeSubscription): void {
    const start = unixNow(state);
    const end = addMonths(start, 1);
    for (const item of subscription.items.data) {
      item.current_period_start = start;
      item.current_period_end = end;
    }
    if (subscription.cancel_at_period_end) subscription.cancel_at = end;
  }

  async function settle(step: BillingStep): Promise<BillingStep> {
    await dispatcher.idle();
    return step;
  }

  const simulator: BillingSimulator = {
    async completeCheckout(sessionId) {
      const record = state.checkoutSessions.get(sessionId);
      if (!record) throw new Error(`Fake Stripe: no checkout session ${sessionId}`);
      expireIfDue(state, record);
      const { session } = record;
      if (session.status !== 'open')
        throw new Error(`Fake Stripe: checkout session ${sessionId} is ${session.status}`);
      const events: FakeEvent[] = [];

      let customerId = session.customer;
      if (!customerId) {
        const customer = createCustomer(state, { email: session.customer_email });
        customerId = customer.id;
        events.push(dispatcher.emit('customer.created', customer));
      }
      const customer = state.customers.get(customerId);
      if (!customer) throw new Error(`Fake Stripe: customer ${customerId} is gone`);

      const now = unixNow(state);
      const period = { start: now, end: addMonths(now, 1) };
      const subscriptionId = newId('sub');
      const paymentMethod = newId('pm');
      const subscription: FakeSubscription = {
        id: subscriptionId,
        object: 'subscription',
        application: null,
        billing_cycle_anchor: now,
        cancel_at: null,
        cancel_at_period_end: false,
        canceled_at: null,
        cancellation_details: { comment: null, feedback: null, reason: null },
        collection_method: 'charge_automatically',
        created: now,
        currency: 'usd',
        customer: customerId,
        default_payment_method: null,
        description: null,
        discounts: [],
        ended_at: null,
        items: {
          object: 'list',
          data: record.lineItems.map((line) => {
            const price = state.prices.get(line.price);
            if (!price) throw new Error(`Fake Stripe: price ${line.price} is gone`);
            return subscriptionItem(state, subscriptionId, snapshot(price), line.quantity, period);
          }),
          has_more: false,
          total_count: record.lineItems.length,
          url: `/v1/subscription_items?subscription=${subscriptionId}`,
        },
        latest_invoice: null,
        livemode: false,
        metadata: { ...record.subscriptionMetadata },
        pause_collection: null,
        start_date: now,
        status: 'incomplete',
        trial_end: null,
        trial_start: null,
      };
      subscription.currency = subscription.items.data[0]?.price.currency ?? 'usd';
      state.subscriptions.set(subscriptionId, subscription);
      events.push(dispatcher.emit('customer.subscription.created', subscription));

      const invoice = createSubscriptionInvoice(state, {
        subscription,
        billingReason: 'subscription_create',
        publicUrl,
      });
      subscription.latest_invoice = invoice.id;
      events.push(dispatcher.emit('invoice.created', invoice), dispatcher.emit('invoice.finalized', invoice));

      markInvoicePaid(state, invoice);
      subscription.status = 'active';
      subscription.default_payment_method = paymentMethod;
      customer.invoice_settings.default_payment_method = paymentMethod;
      events.push(
        dispatcher.emit('invoice.paid', invoice),
        dispatcher.emit('invoice.payment_succeeded', invoice),
        dispatcher.emit('customer.subscription.updated', subscription, {
          previous: { status: 'incomplete', default_payment_method: null },
        }),
      );

      session.status = 'complete';
      session.payment_status = 'paid';
      session.url = null;
      session.customer = customerId;
      session.subscription = subscriptionId;
      events.push(dispatcher.emit('checkout.session.completed', session));
      return settle({ subscription, invoice, events });
    },

    async failPayment(subscriptionId, options = {}) {
      const subscription = subscriptionOrThrow(subscriptionId);
      const nextAttempt = unixNow(state) + (options.nextAttemptInDays ?? 3) * DAY;
      const pending = subscription.status === 'past_due' ? openInvoiceOf(subscription) : undefined;
      if (pending) {
        // A Smart Retry of the invoice that already failed: only the invoice changes.
        pending.attempt_count += 1;
        pending.next_payment_attempt = nextAttempt;
        return settle({
          subscription,
          invoice: pending,
          events: [dispatcher.emit('invoice.payment_failed', pending)],
        });
      }
      if (subscription.status !== 'active' && subscription.status !== 'trialing') {
        throw new Error(`Fake Stripe: cannot renew a ${subscription.status} subscription`);
      }
      const previous = { status: subscription.status, latest_invoice: subscription.latest_invoice };
      startNewPeriod(subscription);
      const invoice = createSubscriptionInvoice(state, {
        subscription,
        billingReason: 'subscription_cycle',
        publicUrl,
      });
      invoice.attempted = true;
      invoice.attempt_count = 1;
      invoice.next_payment_attempt = nextAttempt;
      subscription.latest_invoice = invoice.id;
      subscription.status = 'past_due';
      const events = [
        dispatcher.emit('invoice.created', invoice),
        dispatcher.emit('invoice.finalized', invoice),
        dispatcher.emit('invoice.payment_failed', invoice),
        dispatcher.emit('customer.subscription.updated', subscription, { previous }),
      ];
      return settle({ subscription, invoice, events });
    },

    async recoverPayment(subscriptionId) {
      const subscription = subscriptionOrThrow(subscriptionId);
      const invoice = openInvoiceOf(subscription);
      if (!invoice) throw new Error(`Fake Stripe: subscription ${subscriptionId} has no open invoice to pay`);
      markInvoicePaid(state, invoice);
      const events = [
        dispatcher.emit('invoice.paid', invoice),
        dispatcher.emit('invoice.payment_succeeded', invoice),
      ];
      if (subscription.status === 'past_due' || subscription.status === 'unpaid') {
        const previous = { status: subscription.status };
        subscription.status = 'active';
        events.push(dispatcher.emit('customer.subscription.updated', subscription, { previous }));
      }
      return settle({ subscription, invoice, events });
    },

    async renew(subscriptionId) {
      const subscription = subscriptionOrThrow(subscriptionId);
      if (subscription.status !== 'active')
        throw new Error(`Fake Stripe: cannot renew a ${subscription.status} subscription`);
      const previousItems = snapshot(subscription.items);
      startNewPeriod(subscription);
      const invoice = createSubscriptionInvoice(state, {
        subscription,
        billingReason: 'subscription_cycle',
        publicUrl,
      });
      const previousInvoice = subscription.latest_invoice;
      subscription.latest_invoice = invoice.id;
      markInvoicePaid(state, invoice);
      const events = [
        dispatcher.emit('invoice.created', invoice),
        dispatcher.emit('invoice.finalized', invoice),
        dispatcher.emit('invoice.paid', invoice),
        dispatcher.emit('invoice.payment_succeeded', invoice),
        dispatcher.emit('customer.subscription.updated', subscription, {
          previous: { items: previousItems, latest_invoice: previousInvoice },
        }),
      ];
      return settle({ subscription, invoice, events });
    },

    async exhaustPaymentRetries(subscriptionId, outcome) {
      const subscription = subscriptionOrThrow(subscriptionId);
      const invoice = openInvoiceOf(subscription);
      if (invoice) invoice.next_payment_attempt = null;
      if (outcome === 'canceled') return simulator.cancelNow(subscriptionId, { reason: 'payment_failed' });
      const previous = { status: subscription.status };
      subscription.status = 'unpaid';
      return settle({
        subscription,
        ...(invoice ? { invoice } : {}),
        events: [dispatcher.emit('customer.subscription.updated', subscription, { previous })],
      });
    },

    async scheduleCancellation(subscriptionId, atPeriodEnd) {
      const subscription = subscriptionOrThrow(subscriptionId);
      const previous = {
        cancel_at_period_end: subscription.cancel_at_period_end,
        cancel_at: subscription.cancel_at,
        canceled_at: subscription.canceled_at,
      };
      subscription.cancel_at_period_end = atPeriodEnd;
      subscription.cancel_at = atPeriodEnd ? (subscription.items.data[0]?.current_period_end ?? null) : null;
      subscription.canceled_at = atPeriodEnd ? unixNow(state) : null;
      subscription.cancellation_details.reason = atPeriodEnd ? 'cancellation_requested' : null;
      return settle({
        subscription,
        events: [dispatcher.emit('customer.subscription.updated', subscription, { previous })],
      });
    },

    async changeSeats(subscriptionId, seats) {
      const subscription = subscriptionOrThrow(subscriptionId);
      const item = subscription.items.data[0];
      if (!item) throw new Error(`Fake Stripe: subscription ${subscriptionId} has no items`);
      const previous = { items: snapshot(subscription.items) };
      item.quantity = seats;
      return settle({
        subscription,
        events: [dispatcher.emit('customer.subscription.updated', subscription, { previous })],
      });
    },

    async cancelNow(subscriptionId, options = {}) {
      const subscription = subscriptionOrThrow(subscriptionId);
      const now = unixNow(state);
      subscription.status = 'canceled';
      subscription.canceled_at = subscription.canceled_at ?? now;
      subscription.ended_at = now;
      subscription.cancel_at_period_end = false;
      subscription.cancellation_details.reason = options.reason ?? 'cancellation_requested';
      const event = dispatcher.emit(
        'customer.subscription.deleted',
        subscription,
        options.request ? { request: options.request } : {},
      );
      const step = { subscription, events: [event] };
      // An API call answers at once; Stripe delivers the webhook afterwards.
      return options.waitForWebhooks === false ? step : settle(step);
    },
  };
  return simulator;
}
