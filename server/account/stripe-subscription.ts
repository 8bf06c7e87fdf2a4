import Stripe from 'stripe';

export interface StripeSettings {
  secretKey: string;
  /** A Stripe-compatible server (tests, a local mock); Stripe itself when absent. */
  apiBaseUrl?: string;
}

/**
 * Cancels a subscription at once (not at period end): the organization is being deleted, so nothing
 * more may be charged. A subscription that is already gone or cancelled counts as done.
 */
export async function cancelStripeSubscription(settings: StripeSettings, subscriptionId: string): Promise<void> {
  const stripe = new Stripe(settings.secretKey, { ...hostOptions(settings.apiBaseUrl), maxNetworkRetries: 2, timeout: 20_000 });
  try {
    await stripe.subscriptions.cancel(subscriptionId);
  } catch (error) {
    if (!(error instanceof Stripe.errors.StripeInvalidRequestError)) throw error;
    if (error.code === 'resource_missing') return;
    // Stripe refuses to cancel twice; check that this is why before calling it done.
    const current = await stripe.subscriptions.retrieve(subscriptionId);
    if (current.status !== 'canceled' && current.status !== 'incomplete_expired') throw error;
  }
}

function hostOptions(apiBaseUrl: string | undefined): { host?: string; port?: number; protocol?: 'http' | 'https' } {
  if (!apiBaseUrl) return {};
  const url = new URL(apiBaseUrl);
  const protocol = url.protocol === 'http:' ? 'http' : 'https';
  return { host: url.hostname, port: url.port ? Number(url.port) : protocol === 'http' ? 80 : 443, protocol };
}
