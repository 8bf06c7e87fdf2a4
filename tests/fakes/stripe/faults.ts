import type { RequestHandler } from 'express';
import { sendStripeError } from './errors';

/**
 * Faults a test (or the demo) queues for the next N matching /v1 requests:
 * - rate-limit: 429 as Stripe sends it (stripe-node does not retry 429s unless Stripe-Should-Retry says so);
 * - server-error: a 5xx api_error before anything ran (retried by stripe-node);
 * - hang: never answer (the client's timeout must fire);
 * - reset: drop the connection before anything ran;
 * - lose-response: run the request, then drop the connection instead of answering, the case
 *   idempotency keys exist for: the client retries and must get the first result back.
 */

export type StripeFaultKind =
  | { kind: 'rate-limit'; shouldRetry?: boolean }
  | { kind: 'server-error'; status?: number; shouldRetry?: boolean }
  | { kind: 'hang' }
  | { kind: 'reset' }
  | { kind: 'lose-response' };

export type StripeFault = StripeFaultKind & { times?: number; method?: string; path?: string | RegExp };

export interface FaultQueue {
  inject(fault: StripeFault): void;
  clear(): void;
  readonly hanging: number;
  middleware: RequestHandler;
}

function matches(fault: StripeFault, method: string, path: string): boolean {
  if (fault.method && fault.method.toUpperCase() !== method) return false;
  if (fault.path === undefined) return true;
  return typeof fault.path === 'string' ? path.startsWith(fault.path) : fault.path.test(path);
}

export function createFaultQueue(): FaultQueue {
  const queue: Array<{ fault: StripeFault; remaining: number }> = [];
  let hanging = 0;

  const middleware: RequestHandler = (req, res, next) => {
    const path = req.originalUrl.split('?')[0] ?? req.path;
    const entry = queue.find(
      (candidate) => candidate.remaining > 0 && matches(candidate.fault, req.method, path),
    );
    if (!entry) {
      next();
      return;
    }
    entry.remaining -= 1;
    const { fault } = entry;
    switch (fault.kind) {
      case 'hang':
        hanging += 1;
        res.on('close', () => {
          hanging -= 1;
        });
        return;
      case 'reset':
        req.socket.destroy();
        return;
      case 'lose-response': {
        // Replaces the final write only: everything else (including the idempotency record) still happens.
        res.json = () => {
          req.socket.destroy();
          return res;
        };
        next();
        return;
      }
      case 'rate-limit':
        if (fault.shouldRetry !== undefined) res.setHeader('Stripe-Should-Retry', String(fault.shouldRetry));
        sendStripeError(res, 429, {
          type: 'invalid_request_error',
          code: 'rate_limit',
          message:
            'Request rate limit exceeded. You can learn more about rate limits here https://stripe.com/docs/rate-limits.',
        });
        return;
      case 'server-error':
        if (fault.shouldRetry !== undefined) res.setHeader('Stripe-Should-Retry', String(fault.shouldRetry));
        sendStripeError(res, fault.status ?? 500, {
          type: 'api_error',
          message:
            "Sorry, something went wrong. We've already been notified of the problem, but if you need any help, you can reach us at https://support.stripe.com/contact.",
        });
        return;
    }
  };

  return {
    inject: (fault) => queue.push({ fault, remaining: fault.times ?? 1 }),
    clear: () => queue.splice(0),
    get hanging() {
      return hanging;
    },
    middleware,
  };
}
