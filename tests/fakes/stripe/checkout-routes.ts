import { Router } from 'express';
import { z } from 'zod';
import { StripeApiError, invalidRequest, noSuch, parseParams } from './errors';
import { expireIfDue } from './objects';
import { expandParam, formBool, formInt, mergeMetadata, metadataParam } from './params';
import { newId, unixNow, type CheckoutRecord, type FakePortalSession, type StripeState } from './state';

/**
 * /v1/checkout/sessions and /v1/billing_portal/sessions. The URLs they return point at the fake's own
 * hosted pages (see pages.ts), where a browser (or a test) pays or manages the subscription.
 * The fake sells subscriptions only: mode=payment and mode=setup are refused with a clear message.
 */

const createSessionParams = z.strictObject({
  mode: z.enum(['payment', 'setup', 'subscription']),
  customer: z.string().optional(),
  customer_email: z.string().optional(),
  line_items: z.array(z.strictObject({ price: z.string(), quantity: formInt.optional() })).optional(),
  success_url: z.string().max(5000).optional(),
  cancel_url: z.string().max(5000).optional(),
  client_reference_id: z.string().max(200).optional(),
  metadata: metadataParam,
  subscription_data: z
    .strictObject({
      metadata: metadataParam,
      description: z.string().optional(),
      trial_period_days: formInt.optional(),
    })
    .optional(),
  allow_promotion_codes: formBool.optional(),
  billing_address_collection: z.enum(['auto', 'required']).optional(),
  customer_update: z
    .strictObject({
      address: z.enum(['auto', 'never']).optional(),
      name: z.enum(['auto', 'never']).optional(),
    })
    .optional(),
  automatic_tax: z.strictObject({ enabled: formBool }).optional(),
  tax_id_collection: z.strictObject({ enabled: formBool }).optional(),
  locale: z.string().optional(),
  ui_mode: z.enum(['hosted_page', 'embedded_page', 'elements', 'form']).optional(),
  expand: expandParam,
});

const createPortalParams = z.strictObject({
  customer: z.string(),
  return_url: z.string().max(5000).optional(),
  configuration: z.string().optional(),
  locale: z.string().optional(),
  expand: expandParam,
});

const retrieveParams = z.strictObject({ expand: expandParam });

function isUrl(value: string): boolean {
  try {
    const url = new URL(value);
    return url.protocol === 'http:' || url.protocol === 'https:';
  } catch {
    return false;
  }
}

export function checkoutRoutes(deps: { state: StripeState; publicUrl: string }): Router {
  const { state, publicUrl } = deps;
  const router = Router();

  router.post('/checkout/sessions', (_req, res) => {
    const params = parseParams(createSessionParams, res.locals.params);
    if (params.mode !== 'subscription')
      throw invalidRequest(
        `The fake Stripe sells subscriptions only; mode=${params.mode} is not modelled.`,
        'mode',
      );
    if (params.ui_mode && params.ui_mode !== 'hosted_page')
      throw invalidRequest(
        `The fake Stripe has the hosted page only; ui_mode=${params.ui_mode} is not modelled.`,
        'ui_mode',
      );
    if (params.customer && params.customer_email) {
      throw invalidRequest(
        'You may only specify one of these parameters: customer, customer_email.',
        'customer',
        'parameters_exclusive',
      );
    }
    if (params.customer && !state.customers.has(params.customer))
      throw noSuch('customer', params.customer, 'customer');
    for (const name of ['success_url', 'cancel_url'] as const) {
      const value = params[name];
      if (value !== undefined && !isUrl(value)) throw invalidRequest(`Not a valid URL`, name, 'url_invalid');
    }
    const lineItems = params.line_items ?? [];
    if (lineItems.length === 0)
      throw invalidRequest(
        'You must provide at least one recurring price in `subscription` mode when using prices.',
        'line_items',
      );
    const priced = lineItems.map((line, index) => {
      const price = state.prices.get(line.price);
      if (!price) throw noSuch('price', line.price, `line_items[${index}][price]`);
      if (!price.active)
        throw invalidRequest(
          `The price specified is inactive. This field only accepts active prices.`,
          `line_items[${index}][price]`,
        );
      const quantity = line.quantity ?? 1;
      if (quantity < 1)
        throw invalidRequest(
          'This value must be greater than or equal to 1.',
          `line_items[${index}][quantity]`,
        );
      return { price, quantity };
    });
    if (params.subscription_data?.trial_period_days !== undefined) {
      throw new StripeApiError(400, {
        type: 'invalid_request_error',
        message: 'The fake Stripe does not model trials.',
        param: 'subscription_data[trial_period_days]',
      });
    }

    const created = unixNow(state);
    const id = newId('cs_test');
    const amount = priced.reduce((sum, line) => sum + line.price.unit_amount * line.quantity, 0);
    const record: CheckoutRecord = {
      session: {
        id,
        object: 'checkout.session',
        amount_subtotal: amount,
        amount_total: amount,
        cancel_url: params.cancel_url ?? null,
        client_reference_id: params.client_reference_id ?? null,
        created,
        currency: priced[0]?.price.currency ?? 'usd',
        customer: params.customer ?? null,
        customer_email: params.customer_email ?? null,
        expires_at: created + 24 * 60 * 60,
        livemode: false,
        metadata: mergeMetadata({}, params.metadata),
        mode: 'subscription',
        payment_status: 'unpaid',
        status: 'open',
        subscription: null,
        success_url: params.success_url ?? null,
        ui_mode: 'hosted_page',
        url: `${publicUrl}/checkout/${id}`,
      },
      lineItems: priced.map((line) => ({ price: line.price.id, quantity: line.quantity })),
      subscriptionMetadata: mergeMetadata({}, params.subscription_data?.metadata),
    };
    state.checkoutSessions.set(id, record);
    res.json(record.session);
  });

  router.get('/checkout/sessions/:id', (req, res) => {
    parseParams(retrieveParams, res.locals.params);
    const record = state.checkoutSessions.get(req.params.id);
    if (!record) throw noSuch('checkout.session', req.params.id);
    expireIfDue(state, record);
    res.json(record.session);
  });

  router.post('/checkout/sessions/:id/expire', (req, res) => {
    parseParams(retrieveParams, res.locals.params);
    const record = state.checkoutSessions.get(req.params.id);
    if (!record) throw noSuch('checkout.session', req.params.id);
    expireIfDue(state, record);
    if (record.session.status !== 'open')
      throw invalidRequest(
        `Only Checkout Sessions with a status in ["open"] can be expired. This Checkout Session has a status of "${record.session.status}".`,
      );
    record.session.status = 'expired';
    record.session.url = null;
    res.json(record.session);
  });

  router.post('/billing_portal/sessions', (_req, res) => {
    const params = parseParams(createPortalParams, res.locals.params);
    if (!state.customers.has(params.customer)) throw noSuch('customer', params.customer, 'customer');
    if (params.return_url !== undefined && !isUrl(params.return_url))
      throw invalidRequest('Not a valid URL', 'return_url', 'url_invalid');
    const id = newId('bps');
    const session: FakePortalSession = {
      id,
      object: 'billing_portal.session',
      configuration: params.configuration ?? 'bpc_1FakeDefaultPortalConfig',
      created: unixNow(state),
      customer: params.customer,
      flow: null,
      livemode: false,
      locale: params.locale ?? null,
      on_behalf_of: null,
      return_url: params.return_url ?? null,
      url: `${publicUrl}/billing_portal/${id}`,
    };
    state.portalSessions.set(id, session);
    res.json(session);
  });

  return router;
}
