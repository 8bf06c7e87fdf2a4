import { randomBytes } from 'node:crypto';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import express, { Router, type ErrorRequestHandler, type RequestHandler } from 'express';
import Stripe from 'stripe';
import { PAID_PLANS, type PlanId } from '../../../server/billing/plans';
import { systemClock, type Clock } from '../../../server/clock';
import { createBillingSimulator, type BillingSimulator } from './billing';
import { checkoutRoutes } from './checkout-routes';
import { customerRoutes } from './customer-routes';
import { StripeApiError, sendStripeError } from './errors';
import { createFaultQueue, type StripeFault } from './faults';
import { FormDecodeError, parseStripeForm, type FormObject } from './form';
import { idempotency } from './idempotency';
import { createRecurringPrice } from './objects';
import { hostedPages } from './pages';
import {
  createState,
  newId,
  recordRequest,
  type FakeEvent,
  type FakePrice,
  type LoggedRequest,
  type StripeObject,
  type StripeState,
  type WebhookDelivery,
} from './state';
import { subscriptionRoutes } from './subscription-routes';
import { createWebhookDispatcher, serializeEvent, signPayload, type ReleaseOrder } from './webhooks';

/**
 * A fake Stripe on 127.0.0.1 for tests, the demo and the simulator, speaking the REST contract that
 * stripe-node uses: form-encoded bodies with bracketed keys, Bearer secret-key auth, Idempotency-Key
 * replay, Stripe's ids, objects, list envelopes and error bodies. Checkout and Portal URLs lead to the
 * fake's own pages; paying there creates a subscription and sends signed webhooks.
 * Point the SDK at it with `{ host: '127.0.0.1', port, protocol: 'http' }` (the gateway's apiBaseUrl).
 */

export type { StripeFault } from './faults';
export type { BillingSimulator, BillingStep } from './billing';
export type { ReleaseOrder } from './webhooks';
export type {
  FakeEvent,
  FakeInvoice,
  FakePrice,
  FakeSubscription,
  FakeCustomer,
  StripeState,
  WebhookDelivery,
  LoggedRequest,
} from './state';

export interface FakeStripeOptions {
  /** Where signed webhooks go; can be set later with helpers.setWebhookUrl. */
  webhookUrl?: string;
  webhookSecret?: string;
  secretKey?: string;
  clock?: Clock;
  /** Create a product and monthly price for each paid plan, under its lookup key (default true). */
  seedPlanPrices?: boolean;
  /** Event types the webhook endpoint subscribes to (default all). */
  enabledEvents?: string[] | '*';
  webhookTimeoutMs?: number;
}

export interface FakeStripeHelpers extends BillingSimulator {
  /** Creates the plans' prices (again: the lookup keys move to the new prices, as transfer_lookup_key does). */
  seedPlanPrices(): Record<Exclude<PlanId, 'free'>, FakePrice>;
  priceForLookupKey(lookupKey: string): FakePrice | undefined;
  setWebhookUrl(url: string | null): void;
  /** Emits an arbitrary event (delivered like any other). */
  emitEvent(type: string, object: StripeObject, previous?: Record<string, unknown>): FakeEvent;
  /** Queue deliveries instead of sending them... */
  holdWebhooks(): void;
  /** ...then send them, e.g. in reverse or in an explicit order of event ids. */
  releaseWebhooks(order?: ReleaseOrder): Promise<void>;
  readonly heldWebhooks: readonly FakeEvent[];
  webhooksIdle(): Promise<void>;
  /** Sends an event again (as Stripe does after a failure, or a manual resend from the Dashboard). */
  redeliver(eventId: string): Promise<WebhookDelivery | null>;
  /** The Stripe-Signature header for a payload: t={timestamp},v1={HMAC}; defaults: now and the fake's secret. */
  signPayload(payload: string, options?: { timestamp?: number; secret?: string }): string;
  /** An event's exact webhook body and a fresh signature, for tests that post it themselves. */
  signedEvent(
    event: FakeEvent,
    options?: { timestamp?: number; secret?: string },
  ): { body: string; signature: string };
  /** Posts exact bytes to the webhook endpoint with the given signature header (null: none). Returns the status. */
  postToWebhook(body: string, signature: string | null): Promise<number>;
  inject(fault: StripeFault): void;
  clearFaults(): void;
  readonly hanging: number;
  requestCount(method?: string, pathPrefix?: string): number;
  /** Requests to /v1 that change something (POST, DELETE), with the idempotency key each carried. */
  mutatingRequests(): LoggedRequest[];
  idempotencyKeysSeen(): string[];
  eventsOfType(type: string): FakeEvent[];
}

export interface FakeStripe {
  url: string;
  secretKey: string;
  webhookSecret: string;
  state: StripeState;
  helpers: FakeStripeHelpers;
  close(): Promise<void>;
}

function maskKey(key: string): string {
  return key.length <= 12 ? '****' : `${key.slice(0, 8)}****${key.slice(-4)}`;
}

function authenticate(secretKey: string): RequestHandler {
  return (req, res, next) => {
    const header = req.get('authorization') ?? '';
    const bearer = /^Bearer (.+)$/i.exec(header)?.[1];
    const basic = /^Basic (.+)$/i.exec(header)?.[1];
    const provided =
      bearer ?? (basic ? Buffer.from(basic, 'base64').toString('utf8').split(':')[0] : undefined);
    if (!provided) {
      res.setHeader('WWW-Authenticate', 'Basic realm="Stripe"');
      sendStripeError(res, 401, {
        type: 'invalid_request_error',
        message:
          "You did not provide an API key. You need to provide your API key in the Authorization header, using Bearer auth (e.g. 'Authorization: Bearer YOUR_SECRET_KEY'). See https://stripe.com/docs/api#authentication for details, or we can help at https://support.stripe.com/.",
      });
      return;
    }
    if (provided !== secretKey) {
      sendStripeError(res, 401, {
        type: 'invalid_request_error',
        message: `Invalid API Key provided: ${maskKey(provided)}`,
      });
      return;
    }
    next();
  };
}

export async function startFakeStripe(options: FakeStripeOptions = {}): Promise<FakeStripe> {
  const secretKey = options.secretKey ?? `sk_test_fake${randomBytes(12).toString('hex')}`;
  const webhookSecret = options.webhookSecret ?? `whsec_${randomBytes(24).toString('base64url')}`;
  const state = createState(options.clock ?? systemClock);
  const faults = createFaultQueue();

  const app = express();
  app.disable('x-powered-by');
  const httpServer = createServer(app);
  await new Promise<void>((resolve) => httpServer.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(httpServer.address() as AddressInfo).port}`;

  const dispatcher = createWebhookDispatcher(state, {
    url: options.webhookUrl ?? null,
    secret: webhookSecret,
    enabledEvents: options.enabledEvents ?? '*',
    timeoutMs: options.webhookTimeoutMs ?? 10_000,
    apiVersion: Stripe.API_VERSION,
  });
  const billing = createBillingSimulator(state, dispatcher, url);

  const api = Router();
  api.use((req, res, next) => {
    const requestId = newId('req');
    res.locals.requestId = requestId;
    res.locals.idempotencyKey = req.get('idempotency-key') ?? null;
    res.setHeader('Request-Id', requestId);
    res.setHeader('Stripe-Version', req.get('stripe-version') ?? Stripe.API_VERSION);
    const entry: LoggedRequest = {
      method: req.method,
      path: `/v1${req.path}`,
      params: {},
      idempotencyKey: req.get('idempotency-key') ?? null,
      replayed: false,
      status: 0,
      requestId,
      at: state.clock.now(),
    };
    recordRequest(state, entry);
    // 'close' also fires when a response was never written (a dropped connection): status stays 0.
    res.on('close', () => {
      if (res.writableFinished) entry.status = res.statusCode;
      entry.replayed = res.locals.replayed === true;
      entry.params = res.locals.params ?? {};
    });
    next();
  });
  api.use(authenticate(secretKey));
  api.use(express.text({ type: () => true, limit: '1mb' }));
  api.use((req, res, next) => {
    const contentType = req.get('content-type');
    if (
      req.method === 'POST' &&
      contentType &&
      !contentType.startsWith('application/x-www-form-urlencoded') &&
      !contentType.startsWith('multipart/form-data')
    ) {
      sendStripeError(res, 400, {
        type: 'invalid_request_error',
        message: `Invalid request: unsupported Content-Type ${contentType}. If error persists and you need assistance, please contact support@stripe.com.`,
      });
      return;
    }
    const query = req.originalUrl.includes('?')
      ? req.originalUrl.slice(req.originalUrl.indexOf('?') + 1)
      : '';
    const body = typeof req.body === 'string' ? req.body : '';
    res.locals.params = { ...parseStripeForm(query), ...parseStripeForm(body) } satisfies FormObject;
    next();
  });
  api.use(faults.middleware);
  api.use(idempotency(state));
  api.use(customerRoutes({ state, dispatcher, billing }));
  api.use(checkoutRoutes({ state, publicUrl: url }));
  api.use(subscriptionRoutes({ state, billing }));
  api.use((req, res) => {
    sendStripeError(res, 404, {
      type: 'invalid_request_error',
      message: `Unrecognized request URL (${req.method}: /v1${req.path}). Please see https://stripe.com/docs or we can help at https://support.stripe.com/.`,
    });
  });
  const onError: ErrorRequestHandler = (error: unknown, _req, res, _next) => {
    if (error instanceof StripeApiError) return sendStripeError(res, error.status, error.body);
    if (error instanceof FormDecodeError)
      return sendStripeError(res, 400, { type: 'invalid_request_error', message: error.message });
    sendStripeError(res, 500, {
      type: 'api_error',
      message: `Fake Stripe internal error: ${error instanceof Error ? error.message : String(error)}`,
    });
  };
  api.use(onError);

  app.use('/v1', api);
  app.use(hostedPages({ state, billing }));
  app.use((_req, res) => {
    res.status(404).type('text').send('Not found');
  });

  const helpers: FakeStripeHelpers = {
    ...billing,
    seedPlanPrices() {
      const prices = {} as Record<Exclude<PlanId, 'free'>, FakePrice>;
      for (const plan of PAID_PLANS) {
        if (plan.id === 'free') continue;
        prices[plan.id] = createRecurringPrice(state, {
          productName: `CallRecap ${plan.name}`,
          lookupKey: plan.stripeLookupKey,
          unitAmount: Math.round(plan.pricePerSeatUsd * 100),
          nickname: `${plan.name} monthly, per seat`,
        });
      }
      return prices;
    },
    priceForLookupKey: (lookupKey) =>
      [...state.prices.values()].find((price) => price.lookup_key === lookupKey),
    setWebhookUrl(webhookUrl) {
      dispatcher.settings.url = webhookUrl;
    },
    emitEvent: (type, object, previous) => dispatcher.emit(type, object, previous ? { previous } : {}),
    holdWebhooks: () => dispatcher.hold(),
    releaseWebhooks: (order) => dispatcher.release(order),
    get heldWebhooks() {
      return dispatcher.held;
    },
    webhooksIdle: () => dispatcher.idle(),
    redeliver(eventId) {
      const event = state.events.find((candidate) => candidate.id === eventId);
      if (!event) throw new Error(`Fake Stripe: no event ${eventId}`);
      return dispatcher.deliver(event);
    },
    signPayload: (payload, signOptions = {}) =>
      signPayload(
        payload,
        signOptions.secret ?? webhookSecret,
        signOptions.timestamp ?? Math.floor(state.clock.now().getTime() / 1000),
      ),
    signedEvent(event, signOptions = {}) {
      const body = serializeEvent(event);
      return { body, signature: helpers.signPayload(body, signOptions) };
    },
    postToWebhook: (body, signature) => dispatcher.postRaw(body, signature),
    inject: (fault) => faults.inject(fault),
    clearFaults: () => faults.clear(),
    get hanging() {
      return faults.hanging;
    },
    requestCount: (method, pathPrefix) =>
      state.requests.filter(
        (request) =>
          (!method || request.method === method.toUpperCase()) &&
          (!pathPrefix || request.path.startsWith(pathPrefix)),
      ).length,
    mutatingRequests: () =>
      state.requests.filter((request) => request.method === 'POST' || request.method === 'DELETE'),
    idempotencyKeysSeen: () => [
      ...new Set(
        state.requests.flatMap((request) => (request.idempotencyKey ? [request.idempotencyKey] : [])),
      ),
    ],
    eventsOfType: (type) => state.events.filter((event) => event.type === type),
  };
  if (options.seedPlanPrices ?? true) helpers.seedPlanPrices();

  return {
    url,
    secretKey,
    webhookSecret,
    state,
    helpers,
    async close() {
      // Deliveries already under way finish (each is bounded by its timeout); held ones are dropped.
      await dispatcher.idle();
      httpServer.closeAllConnections();
      await new Promise<void>((resolve, reject) =>
        httpServer.close((error) => (error ? reject(error) : resolve())),
      );
    },
  };
}
