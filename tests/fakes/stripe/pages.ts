import express, { Router, type Response } from 'express';
import type { BillingSimulator } from './billing';
import { expireIfDue } from './objects';
import type { FakeInvoice, FakeSubscription, StripeState } from './state';

/**
 * The fake's stand-ins for Stripe-hosted pages: Checkout (pay), the Customer Portal (cancel, resume,
 * change seats) and hosted invoices. Like Stripe's, they need no API key. No card is asked for:
 * in the real flow card details go to Stripe's page and never reach CallRecap.
 */

function escapeHtml(value: string): string {
  return value.replace(/[&<>"']/g, (char) => `&#${char.charCodeAt(0)};`);
}

function money(cents: number, currency: string): string {
  return `${(cents / 100).toFixed(2)} ${currency.toUpperCase()}`;
}

function page(res: Response, status: number, title: string, body: string): void {
  res
    .status(status)
    .type('html')
    .send(
      `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>${escapeHtml(title)}</title></head><body><main><h1>${escapeHtml(title)}</h1>${body}<p><small>Fake Stripe (test mode)</small></p></main></body></html>`,
    );
}

function date(unixSeconds: number): string {
  return new Date(unixSeconds * 1000).toISOString().slice(0, 10);
}

export function hostedPages(deps: { state: StripeState; billing: BillingSimulator }): Router {
  const { state, billing } = deps;
  const router = Router();
  router.use(express.urlencoded({ extended: false }));

  const productName = (productId: string) => state.products.get(productId)?.name ?? productId;

  router.get('/checkout/:id', (req, res) => {
    const record = state.checkoutSessions.get(req.params.id);
    if (!record) return page(res, 404, 'Checkout session not found', '<p>This link is not valid.</p>');
    expireIfDue(state, record);
    const { session } = record;
    if (session.status !== 'open')
      return page(
        res,
        410,
        'This checkout session is no longer available',
        `<p>Status: ${escapeHtml(session.status)}</p>`,
      );
    const lines = record.lineItems
      .map((line) => {
        const price = state.prices.get(line.price);
        return price
          ? `<li>${escapeHtml(productName(price.product))} × ${line.quantity} — ${money(price.unit_amount * line.quantity, price.currency)} / ${price.recurring.interval}</li>`
          : '';
      })
      .join('');
    const cancel = session.cancel_url ? `<p><a href="${escapeHtml(session.cancel_url)}">Back</a></p>` : '';
    page(
      res,
      200,
      'Subscribe',
      `<ul>${lines}</ul><p>Total: ${money(session.amount_total, session.currency)} per month</p>
<form method="post" action="/checkout/${escapeHtml(session.id)}/complete"><button type="submit">Subscribe</button></form>${cancel}`,
    );
  });

  const complete = async (id: string, res: Response) => {
    const record = state.checkoutSessions.get(id);
    if (!record) return page(res, 404, 'Checkout session not found', '<p>This link is not valid.</p>');
    if (record.session.status !== 'open')
      return page(res, 409, 'Already completed', `<p>Status: ${escapeHtml(record.session.status)}</p>`);
    await billing.completeCheckout(id);
    const successUrl = record.session.success_url;
    if (!successUrl) return page(res, 200, 'Thanks for subscribing', '<p>You can close this page.</p>');
    res.redirect(303, successUrl.replaceAll('{CHECKOUT_SESSION_ID}', id));
  };
  router.post('/checkout/:id/complete', (req, res) => complete(req.params.id, res));
  // A plain link works too, for scripts and the simulator.
  router.get('/checkout/:id/complete', (req, res) => complete(req.params.id, res));

  router.get('/billing_portal/:id', (req, res) => {
    const session = state.portalSessions.get(req.params.id);
    if (!session) return page(res, 404, 'Portal session not found', '<p>This link is not valid.</p>');
    const subscriptions = [...state.subscriptions.values()].filter(
      (subscription) => subscription.customer === session.customer && subscription.status !== 'canceled',
    );
    const invoices = [...state.invoices.values()].filter((invoice) => invoice.customer === session.customer);
    const action = (path: string, subscription: FakeSubscription, label: string, extra = '') =>
      `<form method="post" action="/billing_portal/${escapeHtml(session.id)}/${path}"><input type="hidden" name="subscription" value="${escapeHtml(subscription.id)}">${extra}<button type="submit">${label}</button></form>`;
    const subscriptionHtml = subscriptions
      .map((subscription) => {
        const item = subscription.items.data[0];
        const plan = item ? escapeHtml(productName(item.price.product)) : 'Subscription';
        const renewal = item
          ? subscription.cancel_at_period_end
            ? `Ends ${date(item.current_period_end)}`
            : `Renews ${date(item.current_period_end)}`
          : '';
        return `<section><h2>${plan} — ${item?.quantity ?? 0} seats (${escapeHtml(subscription.status)})</h2><p>${renewal}</p>
${subscription.cancel_at_period_end ? action('resume', subscription, 'Renew plan') : action('cancel', subscription, 'Cancel plan')}
${action('seats', subscription, 'Update seats', `<input type="number" name="seats" min="1" value="${item?.quantity ?? 1}">`)}</section>`;
      })
      .join('');
    const invoiceHtml = invoices
      .map(
        (invoice: FakeInvoice) =>
          `<li><a href="${escapeHtml(invoice.hosted_invoice_url)}">${escapeHtml(invoice.number)}</a> ${money(invoice.amount_due, invoice.currency)} ${escapeHtml(invoice.status)}</li>`,
      )
      .join('');
    const back = session.return_url ? `<p><a href="${escapeHtml(session.return_url)}">Return</a></p>` : '';
    page(
      res,
      200,
      'Manage your subscription',
      `${subscriptionHtml || '<p>No active subscription.</p>'}<h2>Invoices</h2><ul>${invoiceHtml}</ul>${back}`,
    );
  });

  router.post('/billing_portal/:id/:action', async (req, res) => {
    const session = state.portalSessions.get(req.params.id);
    const subscriptionId =
      typeof req.body === 'object' && req.body !== null
        ? (req.body as Record<string, unknown>).subscription
        : undefined;
    const subscription =
      typeof subscriptionId === 'string' ? state.subscriptions.get(subscriptionId) : undefined;
    if (!session || !subscription || subscription.customer !== session.customer)
      return page(res, 404, 'Not found', '<p>This link is not valid.</p>');
    if (req.params.action === 'cancel' || req.params.action === 'resume') {
      await billing.scheduleCancellation(subscription.id, req.params.action === 'cancel');
    } else if (req.params.action === 'seats') {
      const seats = Number((req.body as Record<string, unknown>).seats);
      if (!Number.isInteger(seats) || seats < 1)
        return page(res, 400, 'Invalid seat count', '<p>Enter a whole number of at least 1.</p>');
      await billing.changeSeats(subscription.id, seats);
    } else {
      return page(res, 404, 'Not found', '<p>Unknown action.</p>');
    }
    res.redirect(303, `/billing_portal/${session.id}`);
  });

  const invoicePage = (id: string, res: Response) => {
    const invoice = state.invoices.get(id);
    if (!invoice) return page(res, 404, 'Invoice not found', '<p>This link is not valid.</p>');
    const lines = invoice.lines.data
      .map((line) => `<li>${escapeHtml(line.description)} — ${money(line.amount, line.currency)}</li>`)
      .join('');
    page(
      res,
      200,
      `Invoice ${invoice.number}`,
      `<p>Status: ${escapeHtml(invoice.status)}</p><ul>${lines}</ul><p>Amount due: ${money(invoice.amount_due, invoice.currency)}</p>`,
    );
  };
  router.get('/invoice/:id', (req, res) => invoicePage(req.params.id, res));
  router.get('/invoice/:id/pdf', (req, res) => invoicePage(req.params.id, res));

  return router;
}
