import { StripeApiError, invalidRequest } from './errors';
import {
  invoicePrefix,
  newId,
  unixNow,
  type CheckoutRecord,
  type FakeCustomer,
  type FakeInvoice,
  type FakePrice,
  type FakeSubscription,
  type FakeSubscriptionItem,
  type Metadata,
  type StripeState,
} from './state';

/** Builders for Stripe objects, with Stripe's defaults for the fields a request does not set. */

export function createCustomer(
  state: StripeState,
  input: {
    name?: string | null;
    email?: string | null;
    description?: string | null;
    phone?: string | null;
    metadata?: Metadata;
  },
): FakeCustomer {
  const customer: FakeCustomer = {
    id: newId('cus'),
    object: 'customer',
    address: null,
    balance: 0,
    created: unixNow(state),
    currency: null,
    default_source: null,
    delinquent: false,
    description: input.description ?? null,
    email: input.email ?? null,
    invoice_prefix: invoicePrefix(),
    invoice_settings: {
      custom_fields: null,
      default_payment_method: null,
      footer: null,
      rendering_options: null,
    },
    livemode: false,
    metadata: { ...input.metadata },
    name: input.name ?? null,
    next_invoice_sequence: 1,
    phone: input.phone ?? null,
    preferred_locales: [],
    shipping: null,
    tax_exempt: 'none',
    test_clock: null,
  };
  state.customers.set(customer.id, customer);
  return customer;
}

export function createRecurringPrice(
  state: StripeState,
  input: {
    productName: string;
    lookupKey: string | null;
    unitAmount: number;
    currency?: string;
    interval?: 'month' | 'year';
    nickname?: string;
  },
): FakePrice {
  const created = unixNow(state);
  const productId = newId('prod');
  const price: FakePrice = {
    id: newId('price'),
    object: 'price',
    active: true,
    billing_scheme: 'per_unit',
    created,
    currency: input.currency ?? 'usd',
    custom_unit_amount: null,
    livemode: false,
    lookup_key: input.lookupKey,
    metadata: {},
    nickname: input.nickname ?? null,
    product: productId,
    recurring: {
      interval: input.interval ?? 'month',
      interval_count: 1,
      meter: null,
      trial_period_days: null,
      usage_type: 'licensed',
    },
    tax_behavior: 'unspecified',
    tiers_mode: null,
    transform_quantity: null,
    type: 'recurring',
    unit_amount: input.unitAmount,
    unit_amount_decimal: String(input.unitAmount),
  };
  state.products.set(productId, {
    id: productId,
    object: 'product',
    active: true,
    created,
    default_price: price.id,
    description: null,
    livemode: false,
    metadata: {},
    name: input.productName,
    type: 'service',
    updated: created,
  });
  if (input.lookupKey) {
    // Stripe keeps a lookup key on one price at a time (transfer_lookup_key moves it).
    for (const other of state.prices.values())
      if (other.lookup_key === input.lookupKey) other.lookup_key = null;
  }
  state.prices.set(price.id, price);
  return price;
}

export function subscriptionItem(
  state: StripeState,
  subscriptionId: string,
  price: FakePrice,
  quantity: number,
  period: { start: number; end: number },
): FakeSubscriptionItem {
  return {
    id: newId('si'),
    object: 'subscription_item',
    created: unixNow(state),
    current_period_end: period.end,
    current_period_start: period.start,
    discounts: [],
    metadata: {},
    price,
    quantity,
    subscription: subscriptionId,
    tax_rates: [],
  };
}

function formatAmount(cents: number, currency: string): string {
  return `${currency === 'usd' ? '$' : `${currency.toUpperCase()} `}${(cents / 100).toFixed(2)}`;
}

/** An invoice for a subscription's current period, finalized (open) and not yet paid. */
export function createSubscriptionInvoice(
  state: StripeState,
  input: { subscription: FakeSubscription; billingReason: FakeInvoice['billing_reason']; publicUrl: string },
): FakeInvoice {
  const { subscription } = input;
  const customer = state.customers.get(subscription.customer);
  if (!customer)
    throw new StripeApiError(500, {
      type: 'api_error',
      message: `Subscription ${subscription.id} has no customer`,
    });
  const now = unixNow(state);
  const id = newId('in');
  const lines = subscription.items.data.map((item) => {
    const product = state.products.get(item.price.product);
    const amount = item.price.unit_amount * item.quantity;
    return {
      id: newId('il'),
      object: 'line_item' as const,
      amount,
      currency: item.price.currency,
      description: `${item.quantity} × ${product?.name ?? 'Subscription'} (at ${formatAmount(item.price.unit_amount, item.price.currency)} / ${item.price.recurring.interval})`,
      invoice: id,
      livemode: false as const,
      metadata: {},
      parent: {
        subscription_item_details: { subscription: subscription.id, subscription_item: item.id },
        type: 'subscription_item_details' as const,
      },
      period: { end: item.current_period_end, start: item.current_period_start },
      pricing: {
        price_details: { price: item.price.id, product: item.price.product },
        type: 'price_details' as const,
        unit_amount_decimal: item.price.unit_amount_decimal,
      },
      quantity: item.quantity,
    };
  });
  const total = lines.reduce((sum, line) => sum + line.amount, 0);
  const invoice: FakeInvoice = {
    id,
    object: 'invoice',
    account_country: 'US',
    account_name: 'CallRecap (test mode)',
    amount_due: total,
    amount_paid: 0,
    amount_remaining: total,
    attempt_count: 0,
    attempted: false,
    auto_advance: true,
    billing_reason: input.billingReason,
    collection_method: 'charge_automatically',
    created: now,
    currency: subscription.currency,
    customer: customer.id,
    customer_email: customer.email,
    customer_name: customer.name,
    hosted_invoice_url: `${input.publicUrl}/invoice/${id}`,
    invoice_pdf: `${input.publicUrl}/invoice/${id}/pdf`,
    lines: { object: 'list', data: lines, has_more: false, url: `/v1/invoices/${id}/lines` },
    livemode: false,
    metadata: {},
    next_payment_attempt: null,
    number: `${customer.invoice_prefix}-${String(customer.next_invoice_sequence++).padStart(4, '0')}`,
    parent: {
      quote_details: null,
      subscription_details: { metadata: { ...subscription.metadata }, subscription: subscription.id },
      type: 'subscription_details',
    },
    // For subscription invoices these bound pending invoice items, not the service period (the lines carry that).
    period_end: now,
    period_start: now,
    status: 'open',
    status_transitions: { finalized_at: now, marked_uncollectible_at: null, paid_at: null, voided_at: null },
    subtotal: total,
    total,
  };
  state.invoices.set(id, invoice);
  return invoice;
}

export function markInvoicePaid(state: StripeState, invoice: FakeInvoice): void {
  const now = unixNow(state);
  invoice.status = 'paid';
  invoice.attempted = true;
  invoice.attempt_count += 1;
  invoice.amount_paid = invoice.amount_due;
  invoice.amount_remaining = 0;
  invoice.next_payment_attempt = null;
  invoice.status_transitions.paid_at = now;
}

export interface ListPage<T> {
  object: 'list';
  data: T[];
  has_more: boolean;
  url: string;
}

/** Stripe's cursor pagination over a newest-first list: limit (1–100, default 10), starting_after or ending_before. */
export function paginate<T extends { id: string }>(
  items: T[],
  url: string,
  options: { limit?: number; starting_after?: string; ending_before?: string },
): ListPage<T> {
  const limit = options.limit ?? 10;
  if (limit < 1 || limit > 100)
    throw invalidRequest(
      'This value must be greater than or equal to 1 and less than or equal to 100.',
      'limit',
    );
  if (options.ending_before) {
    const index = items.findIndex((item) => item.id === options.ending_before);
    if (index === -1)
      throw invalidRequest(`No such object: '${options.ending_before}'`, 'ending_before', 'resource_missing');
    const from = Math.max(0, index - limit);
    return { object: 'list', data: items.slice(from, index), has_more: from > 0, url };
  }
  let start = 0;
  if (options.starting_after) {
    const index = items.findIndex((item) => item.id === options.starting_after);
    if (index === -1)
      throw invalidRequest(
        `No such object: '${options.starting_after}'`,
        'starting_after',
        'resource_missing',
      );
    start = index + 1;
  }
  const data = items.slice(start, start + limit);
  return { object: 'list', data, has_more: start + limit < items.length, url };
}

/** Newest first, as Stripe lists (ties broken by insertion order, later first). */
export function newestFirst<T extends { created: number }>(items: Iterable<T>): T[] {
  return [...items]
    .map((item, order) => ({ item, order }))
    .sort((a, b) => b.item.created - a.item.created || b.order - a.order)
    .map(({ item }) => item);
}

/** Checkout sessions expire 24 hours after creation; Stripe notices lazily too. */
export function expireIfDue(state: StripeState, record: CheckoutRecord): void {
  if (record.session.status === 'open' && unixNow(state) >= record.session.expires_at) {
    record.session.status = 'expired';
    record.session.url = null;
  }
}
