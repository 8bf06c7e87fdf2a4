import { randomBytes } from 'node:crypto';
import type { Clock } from '../../../server/clock';

/**
 * The fake's in-memory Stripe account: the objects as Stripe returns them (the fields CallRecap and a
 * typical integration read, in Stripe's names), plus what tests inspect: events and their deliveries,
 * requests and the idempotency keys they carried.
 */

export type Metadata = Record<string, string>;

export interface FakeCustomer {
  id: string;
  object: 'customer';
  address: null;
  balance: number;
  created: number;
  currency: string | null;
  default_source: null;
  delinquent: boolean;
  description: string | null;
  email: string | null;
  invoice_prefix: string;
  invoice_settings: {
    custom_fields: null;
    default_payment_method: string | null;
    footer: null;
    rendering_options: null;
  };
  livemode: false;
  metadata: Metadata;
  name: string | null;
  next_invoice_sequence: number;
  phone: string | null;
  preferred_locales: string[];
  shipping: null;
  tax_exempt: 'none';
  test_clock: null;
}

export interface FakeProduct {
  id: string;
  object: 'product';
  active: boolean;
  created: number;
  default_price: string | null;
  description: string | null;
  livemode: false;
  metadata: Metadata;
  name: string;
  type: 'service';
  updated: number;
}

export interface FakePrice {
  id: string;
  object: 'price';
  active: boolean;
  billing_scheme: 'per_unit';
  created: number;
  currency: string;
  custom_unit_amount: null;
  livemode: false;
  lookup_key: string | null;
  metadata: Metadata;
  nickname: string | null;
  product: string;
  recurring: {
    interval: 'month' | 'year';
    interval_count: number;
    meter: null;
    trial_period_days: null;
    usage_type: 'licensed';
  };
  tax_behavior: 'unspecified';
  tiers_mode: null;
  transform_quantity: null;
  type: 'recurring';
  unit_amount: number;
  unit_amount_decimal: string;
}

export interface FakeCheckoutSession {
  id: string;
  object: 'checkout.session';
  amount_subtotal: number;
  amount_total: number;
  cancel_url: string | null;
  client_reference_id: string | null;
  created: number;
  currency: string;
  customer: string | null;
  customer_email: string | null;
  expires_at: number;
  livemode: false;
  metadata: Metadata;
  mode: 'subscription' | 'payment' | 'setup';
  payment_status: 'paid' | 'unpaid' | 'no_payment_required';
  status: 'open' | 'complete' | 'expired';
  subscription: string | null;
  success_url: string | null;
  ui_mode: 'hosted_page';
  url: string | null;
}

export interface CheckoutRecord {
  session: FakeCheckoutSession;
  /** Not part of the session object unless expanded; Checkout turns them into subscription items. */
  lineItems: Array<{ price: string; quantity: number }>;
  subscriptionMetadata: Metadata;
}

export interface FakePortalSession {
  id: string;
  object: 'billing_portal.session';
  configuration: string;
  created: number;
  customer: string;
  flow: null;
  livemode: false;
  locale: string | null;
  on_behalf_of: null;
  return_url: string | null;
  url: string;
}

export interface FakeSubscriptionItem {
  id: string;
  object: 'subscription_item';
  created: number;
  current_period_end: number;
  current_period_start: number;
  discounts: string[];
  metadata: Metadata;
  price: FakePrice;
  quantity: number;
  subscription: string;
  tax_rates: [];
}

export interface FakeSubscription {
  id: string;
  object: 'subscription';
  application: null;
  billing_cycle_anchor: number;
  cancel_at: number | null;
  cancel_at_period_end: boolean;
  canceled_at: number | null;
  cancellation_details: {
    comment: string | null;
    feedback: string | null;
    reason: 'cancellation_requested' | 'payment_failed' | 'payment_disputed' | null;
  };
  collection_method: 'charge_automatically';
  created: number;
  currency: string;
  customer: string;
  default_payment_method: string | null;
  description: string | null;
  discounts: string[];
  ended_at: number | null;
  items: { object: 'list'; data: FakeSubscriptionItem[]; has_more: false; total_count: number; url: string };
  latest_invoice: string | null;
  livemode: false;
  metadata: Metadata;
  pause_collection: null;
  start_date: number;
  status:
    | 'incomplete'
    | 'incomplete_expired'
    | 'trialing'
    | 'active'
    | 'past_due'
    | 'canceled'
    | 'unpaid'
    | 'paused';
  trial_end: number | null;
  trial_start: number | null;
}

export interface FakeInvoiceLine {
  id: string;
  object: 'line_item';
  amount: number;
  currency: string;
  description: string;
  invoice: string;
  livemode: false;
  metadata: Metadata;
  parent: {
    subscription_item_details: { subscription: string; subscription_item: string };
    type: 'subscription_item_details';
  };
  period: { end: number; start: number };
  pricing: {
    price_details: { price: string; product: string };
    type: 'price_details';
    unit_amount_decimal: string;
  };
  quantity: number;
}

export interface FakeInvoice {
  id: string;
  object: 'invoice';
  account_country: string;
  account_name: string;
  amount_due: number;
  amount_paid: number;
  amount_remaining: number;
  attempt_count: number;
  attempted: boolean;
  auto_advance: boolean;
  billing_reason: 'subscription_create' | 'subscription_cycle' | 'subscription_update' | 'manual';
  collection_method: 'charge_automatically';
  created: number;
  currency: string;
  customer: string;
  customer_email: string | null;
  customer_name: string | null;
  hosted_invoice_url: string;
  invoice_pdf: string;
  lines: { object: 'list'; data: FakeInvoiceLine[]; has_more: false; url: string };
  livemode: false;
  metadata: Metadata;
  next_payment_attempt: number | null;
  number: string;
  parent: {
    quote_details: null;
    subscription_details: { metadata: Metadata; subscription: string };
    type: 'subscription_details';
  };
  period_end: number;
  period_start: number;
  status: 'draft' | 'open' | 'paid' | 'uncollectible' | 'void';
  status_transitions: {
    finalized_at: number | null;
    marked_uncollectible_at: number | null;
    paid_at: number | null;
    voided_at: number | null;
  };
  subtotal: number;
  total: number;
}

export type StripeObject =
  | FakeCustomer
  | FakeCheckoutSession
  | FakePortalSession
  | FakeSubscription
  | FakeInvoice
  | FakePrice
  | DeletedCustomer;
export interface DeletedCustomer {
  id: string;
  object: 'customer';
  deleted: true;
}

export interface FakeEvent {
  id: string;
  object: 'event';
  api_version: string;
  created: number;
  data: { object: StripeObject; previous_attributes?: Record<string, unknown> };
  livemode: false;
  pending_webhooks: number;
  request: { id: string | null; idempotency_key: string | null };
  type: string;
}

export interface WebhookDelivery {
  eventId: string;
  type: string;
  attempt: number;
  /** The receiver's HTTP status; 0 when it could not be reached or timed out. */
  status: number;
  at: Date;
  error?: string;
}

export interface LoggedRequest {
  method: string;
  path: string;
  params: unknown;
  idempotencyKey: string | null;
  replayed: boolean;
  /** 0: never answered (the connection was dropped or hung). */
  status: number;
  requestId: string;
  at: Date;
}

export interface SavedIdempotentResult {
  method: string;
  path: string;
  params: string;
  status: number;
  body: unknown;
  requestId: string;
  savedAt: number;
}

export interface StripeState {
  customers: Map<string, FakeCustomer>;
  deletedCustomers: Set<string>;
  products: Map<string, FakeProduct>;
  prices: Map<string, FakePrice>;
  checkoutSessions: Map<string, CheckoutRecord>;
  portalSessions: Map<string, FakePortalSession>;
  subscriptions: Map<string, FakeSubscription>;
  invoices: Map<string, FakeInvoice>;
  /** Oldest first. */
  events: FakeEvent[];
  deliveries: WebhookDelivery[];
  /** The most recent requests to /v1, oldest first. */
  requests: LoggedRequest[];
  idempotency: Map<string, SavedIdempotentResult>;
  /** Keys whose first request is still executing. */
  idempotencyInFlight: Set<string>;
  clock: Clock;
}

export const MAX_LOGGED_REQUESTS = 5000;

export function createState(clock: Clock): StripeState {
  return {
    customers: new Map(),
    deletedCustomers: new Set(),
    products: new Map(),
    prices: new Map(),
    checkoutSessions: new Map(),
    portalSessions: new Map(),
    subscriptions: new Map(),
    invoices: new Map(),
    events: [],
    deliveries: [],
    requests: [],
    idempotency: new Map(),
    idempotencyInFlight: new Set(),
    clock,
  };
}

const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';

function randomChars(length: number): string {
  const bytes = randomBytes(length);
  return [...bytes].map((byte) => ALPHABET[byte % ALPHABET.length]).join('');
}

/** Ids shaped like Stripe's: a type prefix and random base62 (Checkout session ids are much longer). */
export function newId(prefix: string): string {
  if (prefix === 'cs_test') return `cs_test_a1${randomChars(56)}`;
  if (prefix === 'cus' || prefix === 'prod' || prefix === 'req') return `${prefix}_${randomChars(14)}`;
  return `${prefix}_1${randomChars(23)}`;
}

export function unixNow(state: StripeState): number {
  return Math.floor(state.clock.now().getTime() / 1000);
}

/** The same day next month (clamped to the month's end), as Stripe bills monthly subscriptions. */
export function addMonths(unixSeconds: number, months: number): number {
  const start = new Date(unixSeconds * 1000);
  const target = new Date(
    Date.UTC(
      start.getUTCFullYear(),
      start.getUTCMonth() + months,
      1,
      start.getUTCHours(),
      start.getUTCMinutes(),
      start.getUTCSeconds(),
    ),
  );
  const lastDay = new Date(Date.UTC(target.getUTCFullYear(), target.getUTCMonth() + 1, 0)).getUTCDate();
  target.setUTCDate(Math.min(start.getUTCDate(), lastDay));
  return Math.floor(target.getTime() / 1000);
}

export function invoicePrefix(): string {
  return randomBytes(4).toString('hex').toUpperCase();
}

export function recordRequest(state: StripeState, entry: LoggedRequest): void {
  state.requests.push(entry);
  if (state.requests.length > MAX_LOGGED_REQUESTS)
    state.requests.splice(0, state.requests.length - MAX_LOGGED_REQUESTS);
}

/** A deep copy: events carry the object as it was when they happened, not as it is now. */
export function snapshot<T>(value: T): T {
  return structuredClone(value);
}
