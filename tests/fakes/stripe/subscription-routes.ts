import { Router } from 'express';
import { z } from 'zod';
import type { BillingSimulator } from './billing';
import { noSuch, parseParams } from './errors';
import { newestFirst, paginate } from './objects';
import { expandParam, formBool, listParams } from './params';
import type { FakeSubscription, StripeState } from './state';

/** /v1/subscriptions, /v1/invoices and /v1/events. */

const SUBSCRIPTION_STATUSES = [
  'active',
  'all',
  'canceled',
  'ended',
  'incomplete',
  'incomplete_expired',
  'past_due',
  'paused',
  'trialing',
  'unpaid',
] as const;

const listSubscriptionParams = z.strictObject({
  ...listParams,
  customer: z.string().optional(),
  price: z.string().optional(),
  status: z.enum(SUBSCRIPTION_STATUSES).optional(),
});
const cancelParams = z.strictObject({
  invoice_now: formBool.optional(),
  prorate: formBool.optional(),
  cancellation_details: z
    .strictObject({ comment: z.string().optional(), feedback: z.string().optional() })
    .optional(),
  expand: expandParam,
});
const listInvoiceParams = z.strictObject({
  ...listParams,
  customer: z.string().optional(),
  subscription: z.string().optional(),
  status: z.enum(['draft', 'open', 'paid', 'uncollectible', 'void']).optional(),
  collection_method: z.enum(['charge_automatically', 'send_invoice']).optional(),
});
const listEventParams = z.strictObject({
  ...listParams,
  type: z.string().optional(),
  types: z.array(z.string()).optional(),
});
const retrieveParams = z.strictObject({ expand: expandParam });

const ENDED = new Set<FakeSubscription['status']>(['canceled', 'incomplete_expired']);

function statusMatches(
  subscription: FakeSubscription,
  filter: (typeof SUBSCRIPTION_STATUSES)[number] | undefined,
): boolean {
  // Without a status filter Stripe leaves out canceled subscriptions.
  if (filter === undefined) return !ENDED.has(subscription.status);
  if (filter === 'all') return true;
  if (filter === 'ended') return ENDED.has(subscription.status);
  return subscription.status === filter;
}

export function subscriptionRoutes(deps: { state: StripeState; billing: BillingSimulator }): Router {
  const { state, billing } = deps;
  const router = Router();

  router.get('/subscriptions', (_req, res) => {
    const params = parseParams(listSubscriptionParams, res.locals.params);
    const subscriptions = newestFirst(state.subscriptions.values()).filter(
      (subscription) =>
        statusMatches(subscription, params.status) &&
        (!params.customer || subscription.customer === params.customer) &&
        (!params.price || subscription.items.data.some((item) => item.price.id === params.price)),
    );
    res.json(paginate(subscriptions, '/v1/subscriptions', params));
  });

  router.get('/subscriptions/:id', (req, res) => {
    parseParams(retrieveParams, res.locals.params);
    const subscription = state.subscriptions.get(req.params.id);
    if (!subscription) throw noSuch('subscription', req.params.id);
    res.json(subscription);
  });

  router.delete('/subscriptions/:id', async (req, res) => {
    const params = parseParams(cancelParams, res.locals.params);
    const subscription = state.subscriptions.get(req.params.id);
    // Stripe treats a canceled subscription as gone for cancel purposes ("No such subscription").
    if (!subscription || ENDED.has(subscription.status)) throw noSuch('subscription', req.params.id);
    if (params.cancellation_details) {
      subscription.cancellation_details.comment = params.cancellation_details.comment ?? null;
      subscription.cancellation_details.feedback = params.cancellation_details.feedback ?? null;
    }
    const request = {
      id: String(res.locals.requestId),
      idempotencyKey: (res.locals.idempotencyKey as string | null) ?? null,
    };
    const step = await billing.cancelNow(subscription.id, {
      reason: 'cancellation_requested',
      request,
      waitForWebhooks: false,
    });
    res.json(step.subscription);
  });

  router.get('/invoices', (_req, res) => {
    const params = parseParams(listInvoiceParams, res.locals.params);
    const invoices = newestFirst(state.invoices.values()).filter(
      (invoice) =>
        (!params.customer || invoice.customer === params.customer) &&
        (!params.subscription || invoice.parent.subscription_details.subscription === params.subscription) &&
        (!params.status || invoice.status === params.status) &&
        (!params.collection_method || invoice.collection_method === params.collection_method),
    );
    res.json(paginate(invoices, '/v1/invoices', params));
  });

  router.get('/invoices/:id', (req, res) => {
    parseParams(retrieveParams, res.locals.params);
    const invoice = state.invoices.get(req.params.id);
    if (!invoice) throw noSuch('invoice', req.params.id);
    res.json(invoice);
  });

  router.get('/events', (_req, res) => {
    const params = parseParams(listEventParams, res.locals.params);
    const types = params.types ?? (params.type ? [params.type] : null);
    const matchesType = (type: string) =>
      !types ||
      types.some((pattern) =>
        pattern.endsWith('.*') ? type.startsWith(pattern.slice(0, -1)) : type === pattern,
      );
    const events = newestFirst(state.events).filter((event) => matchesType(event.type));
    res.json(paginate(events, '/v1/events', params));
  });

  router.get('/events/:id', (req, res) => {
    parseParams(retrieveParams, res.locals.params);
    const event = state.events.find((candidate) => candidate.id === req.params.id);
    if (!event) throw noSuch('event', req.params.id);
    res.json(event);
  });

  return router;
}
