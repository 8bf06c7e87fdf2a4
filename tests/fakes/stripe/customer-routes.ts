import { Router } from 'express';
import { z } from 'zod';
import type { BillingSimulator } from './billing';
import { invalidRequest, noSuch, parseParams } from './errors';
import { createCustomer, newestFirst, paginate } from './objects';
import { expandParam, formBool, listParams, mergeMetadata, metadataParam } from './params';
import type { FakeCustomer, StripeState } from './state';
import type { WebhookDispatcher } from './webhooks';

/** /v1/customers and /v1/prices. */

const email = z
  .string()
  .max(512)
  .refine((value) => value === '' || /^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(value), 'Invalid email address');

const customerFields = {
  name: z.string().max(256).optional(),
  email: email.optional(),
  description: z.string().max(350).optional(),
  phone: z.string().max(20).optional(),
  metadata: metadataParam,
  preferred_locales: z.array(z.string()).optional(),
  expand: expandParam,
};

const createCustomerParams = z.strictObject(customerFields);
const updateCustomerParams = z.strictObject(customerFields);
const listCustomerParams = z.strictObject({
  ...listParams,
  email: z.string().optional(),
  created: z.unknown().optional(),
});
const listPriceParams = z.strictObject({
  ...listParams,
  lookup_keys: z.array(z.string()).max(10).optional(),
  active: formBool.optional(),
  product: z.string().optional(),
  currency: z.string().optional(),
  type: z.enum(['one_time', 'recurring']).optional(),
});
const retrieveParams = z.strictObject({ expand: expandParam });

/** '' means "unset" in Stripe's form encoding. */
const orNull = (value: string | undefined, current: string | null) =>
  value === undefined ? current : value === '' ? null : value;

export function customerRoutes(deps: {
  state: StripeState;
  dispatcher: WebhookDispatcher;
  billing: BillingSimulator;
}): Router {
  const { state, dispatcher, billing } = deps;
  const router = Router();

  const requestOrigin = (locals: Record<string, unknown>) => ({
    id: String(locals.requestId),
    idempotencyKey: (locals.idempotencyKey as string | null) ?? null,
  });

  function liveCustomer(id: string): FakeCustomer {
    const customer = state.customers.get(id);
    if (!customer) throw noSuch('customer', id);
    return customer;
  }

  router.post('/customers', (_req, res) => {
    const params = parseParams(createCustomerParams, res.locals.params);
    if (params.metadata === '') throw invalidRequest('Invalid metadata: must be a hash', 'metadata');
    const customer = createCustomer(state, {
      name: orNull(params.name, null),
      email: orNull(params.email, null),
      description: orNull(params.description, null),
      phone: orNull(params.phone, null),
      metadata: mergeMetadata({}, params.metadata),
    });
    customer.preferred_locales = params.preferred_locales ?? [];
    dispatcher.emit('customer.created', customer, { request: requestOrigin(res.locals) });
    res.json(customer);
  });

  router.get('/customers', (_req, res) => {
    const params = parseParams(listCustomerParams, res.locals.params);
    const customers = newestFirst(state.customers.values()).filter(
      (customer) => !params.email || customer.email === params.email,
    );
    res.json(paginate(customers, '/v1/customers', params));
  });

  router.get('/customers/:id', (req, res) => {
    parseParams(retrieveParams, res.locals.params);
    if (state.deletedCustomers.has(req.params.id)) {
      res.json({ id: req.params.id, object: 'customer', deleted: true });
      return;
    }
    res.json(liveCustomer(req.params.id));
  });

  router.post('/customers/:id', (req, res) => {
    const customer = liveCustomer(req.params.id);
    const params = parseParams(updateCustomerParams, res.locals.params);
    const before = {
      name: customer.name,
      email: customer.email,
      description: customer.description,
      phone: customer.phone,
      metadata: customer.metadata,
    };
    customer.name = orNull(params.name, customer.name);
    customer.email = orNull(params.email, customer.email);
    customer.description = orNull(params.description, customer.description);
    customer.phone = orNull(params.phone, customer.phone);
    customer.metadata = mergeMetadata(customer.metadata, params.metadata);
    if (params.preferred_locales) customer.preferred_locales = params.preferred_locales;
    const previous = Object.fromEntries(
      Object.entries(before).filter(
        ([key, value]) => JSON.stringify(value) !== JSON.stringify(customer[key as keyof typeof before]),
      ),
    );
    if (Object.keys(previous).length > 0)
      dispatcher.emit('customer.updated', customer, { previous, request: requestOrigin(res.locals) });
    res.json(customer);
  });

  router.delete('/customers/:id', async (req, res) => {
    const customer = liveCustomer(req.params.id);
    // Deleting a customer cancels its subscriptions immediately.
    for (const subscription of state.subscriptions.values()) {
      if (
        subscription.customer === customer.id &&
        subscription.status !== 'canceled' &&
        subscription.status !== 'incomplete_expired'
      ) {
        await billing.cancelNow(subscription.id, {
          request: requestOrigin(res.locals),
          waitForWebhooks: false,
        });
      }
    }
    state.customers.delete(customer.id);
    state.deletedCustomers.add(customer.id);
    dispatcher.emit('customer.deleted', customer, { request: requestOrigin(res.locals) });
    res.json({ id: customer.id, object: 'customer', deleted: true });
  });

  router.get('/prices', (_req, res) => {
    const params = parseParams(listPriceParams, res.locals.params);
    const prices = newestFirst(state.prices.values()).filter(
      (price) =>
        (!params.lookup_keys ||
          (price.lookup_key !== null && params.lookup_keys.includes(price.lookup_key))) &&
        (params.active === undefined || price.active === params.active) &&
        (!params.product || price.product === params.product) &&
        (!params.currency || price.currency === params.currency) &&
        (!params.type || price.type === params.type),
    );
    res.json(paginate(prices, '/v1/prices', params));
  });

  router.get('/prices/:id', (req, res) => {
    parseParams(retrieveParams, res.locals.params);
    const price = state.prices.get(req.params.id);
    if (!price) throw noSuch('price', req.params.id);
    res.json(price);
  });

  return router;
}
