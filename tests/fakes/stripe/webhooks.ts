import { createHmac } from 'node:crypto';
import {
  newId,
  snapshot,
  unixNow,
  type FakeEvent,
  type StripeObject,
  type StripeState,
  type WebhookDelivery,
} from './state';

/**
 * Events and their webhook deliveries, as Stripe sends them: a JSON body (pretty-printed) signed in
 * the Stripe-Signature header as `t={unix seconds},v1={hex HMAC-SHA256 of "{t}.{body}" under the
 * endpoint secret}`. Deliveries go one after another in creation order unless a test holds them and
 * releases them in another order (Stripe itself does not promise order).
 */

export interface WebhookSettings {
  url: string | null;
  secret: string;
  /** Event types the endpoint subscribes to; '*' for all. */
  enabledEvents: string[] | '*';
  timeoutMs: number;
  apiVersion: string;
}

export type ReleaseOrder = 'as-created' | 'reverse' | string[] | ((events: FakeEvent[]) => FakeEvent[]);

export function signPayload(payload: string, secret: string, timestamp: number): string {
  const signature = createHmac('sha256', secret).update(`${timestamp}.${payload}`, 'utf8').digest('hex');
  return `t=${timestamp},v1=${signature}`;
}

export function serializeEvent(event: FakeEvent): string {
  return JSON.stringify(event, null, 2);
}

export interface WebhookDispatcher {
  readonly settings: WebhookSettings;
  emit(
    type: string,
    object: StripeObject,
    options?: { previous?: Record<string, unknown>; request?: { id: string; idempotencyKey: string | null } },
  ): FakeEvent;
  /** Sends one event (again); resolves with the delivery's outcome. */
  deliver(event: FakeEvent): Promise<WebhookDelivery | null>;
  /** Posts exact bytes with an exact signature header to the endpoint (tampering, replays, stale signatures). */
  postRaw(body: string, signatureHeader: string | null): Promise<number>;
  hold(): void;
  release(order?: ReleaseOrder): Promise<void>;
  readonly held: readonly FakeEvent[];
  /** Resolves when every queued delivery has been attempted. */
  idle(): Promise<void>;
}

/** The named events in that order, then any others still held, in creation order. */
function byIdsFirst(events: FakeEvent[], ids: string[]): FakeEvent[] {
  const named = ids.map((id) => {
    const match = events.find((event) => event.id === id);
    if (!match) throw new Error(`Event ${id} is not being held`);
    return match;
  });
  return [...named, ...events.filter((event) => !named.includes(event))];
}

export function createWebhookDispatcher(state: StripeState, settings: WebhookSettings): WebhookDispatcher {
  let chain: Promise<unknown> = Promise.resolve();
  let holding = false;
  const held: FakeEvent[] = [];

  const subscribed = (type: string) =>
    settings.enabledEvents === '*' || settings.enabledEvents.includes(type);

  async function post(
    body: string,
    signatureHeader: string | null,
  ): Promise<{ status: number; error?: string }> {
    if (!settings.url) return { status: 0, error: 'no webhook endpoint configured' };
    const headers: Record<string, string> = {
      'content-type': 'application/json; charset=utf-8',
      'user-agent': 'Stripe/1.0 (+https://stripe.com/docs/webhooks)',
      'cache-control': 'no-cache',
    };
    if (signatureHeader !== null) headers['stripe-signature'] = signatureHeader;
    try {
      const response = await fetch(settings.url, {
        method: 'POST',
        headers,
        body,
        signal: AbortSignal.timeout(settings.timeoutMs),
      });
      await response.arrayBuffer();
      return { status: response.status };
    } catch (error) {
      return { status: 0, error: error instanceof Error ? error.message : String(error) };
    }
  }

  async function deliver(event: FakeEvent): Promise<WebhookDelivery | null> {
    if (!settings.url) return null;
    const body = serializeEvent(event);
    const outcome = await post(body, signPayload(body, settings.secret, unixNow(state)));
    const attempt = state.deliveries.filter((delivery) => delivery.eventId === event.id).length + 1;
    const delivery: WebhookDelivery = {
      eventId: event.id,
      type: event.type,
      attempt,
      status: outcome.status,
      at: state.clock.now(),
      ...(outcome.error ? { error: outcome.error } : {}),
    };
    state.deliveries.push(delivery);
    if (outcome.status >= 200 && outcome.status < 300) event.pending_webhooks = 0;
    return delivery;
  }

  function enqueue(event: FakeEvent): void {
    chain = chain.then(() => deliver(event));
  }

  return {
    settings,
    emit(type, object, options = {}) {
      const event: FakeEvent = {
        id: newId('evt'),
        object: 'event',
        api_version: settings.apiVersion,
        created: unixNow(state),
        data: {
          object: snapshot(object),
          ...(options.previous ? { previous_attributes: snapshot(options.previous) } : {}),
        },
        livemode: false,
        pending_webhooks: settings.url && subscribed(type) ? 1 : 0,
        request: {
          id: options.request?.id ?? null,
          idempotency_key: options.request?.idempotencyKey ?? null,
        },
        type,
      };
      state.events.push(event);
      if (subscribed(type)) {
        if (holding) held.push(event);
        else enqueue(event);
      }
      return event;
    },
    deliver: (event) => {
      const result = chain.then(() => deliver(event));
      chain = result;
      return result;
    },
    postRaw: async (body, signatureHeader) => (await post(body, signatureHeader)).status,
    hold() {
      holding = true;
    },
    async release(order = 'as-created') {
      const events = [...held];
      const ordered =
        order === 'as-created'
          ? events
          : order === 'reverse'
            ? [...events].reverse()
            : typeof order === 'function'
              ? order(events)
              : byIdsFirst(events, order);
      held.splice(0);
      holding = false;
      for (const event of ordered) enqueue(event);
      await chain;
    },
    get held() {
      return held;
    },
    async idle() {
      await chain;
    },
  };
}
