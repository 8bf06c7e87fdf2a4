import type { RequestHandler } from 'express';
import { randomFailures, swallowAnswer, type RandomFailureOptions } from '../random-failures';
import { sendError, sendRateLimited } from './errors';

/**
 * Faults a test (or the demo) queues up: the next N matching requests answer with a 429, a 5xx
 * (JSON, or an HTML page as a proxy in front of HubSpot sends), a validation error, a missing-scope
 * 403, or never answer at all. Matching is by method and path prefix (or pattern).
 */

export type HubSpotFaultKind =
  | { kind: 'rate-limit'; retryAfterSeconds?: number; policy?: 'TEN_SECONDLY_ROLLING' | 'SECONDLY' | 'DAILY' }
  | { kind: 'server-error'; status?: number; html?: boolean }
  | { kind: 'hang' }
  | { kind: 'validation'; message: string }
  | { kind: 'missing-scopes' }
  /** 401 whatever the token, as when the portal's admin blocks the app. */
  | { kind: 'invalid-token' };

export type HubSpotFault = HubSpotFaultKind & { times?: number; method?: string; path?: string | RegExp };

interface QueuedFault {
  fault: HubSpotFault;
  remaining: number;
}

export interface FaultQueue {
  inject(fault: HubSpotFault): void;
  clear(): void;
  /** How many requests are being held open by 'hang' faults. */
  readonly hanging: number;
  middleware: RequestHandler;
}

function matches(fault: HubSpotFault, method: string, path: string): boolean {
  if (fault.method && fault.method.toUpperCase() !== method) return false;
  if (fault.path === undefined) return true;
  return typeof fault.path === 'string' ? path.startsWith(fault.path) : fault.path.test(path);
}

/** Random failures apply to the CRM API only, not OAuth: 429 (Retry-After 1 s), 502/503, or a lost answer. */
function randomFault(draw: () => ReturnType<ReturnType<typeof randomFailures>>, path: string, turn: number): HubSpotFaultKind | undefined {
  if (!path.startsWith('/crm')) return undefined;
  const failure = draw();
  if (failure === 'rate_limit') return { kind: 'rate-limit', retryAfterSeconds: 1 };
  if (failure === 'server_error') return { kind: 'server-error', status: turn % 2 === 0 ? 502 : 503, html: turn % 4 === 0 };
  return failure === 'timeout' ? { kind: 'hang' } : undefined;
}

export function createFaultQueue(portalIdFor: (authorization: string | undefined) => string, random?: RandomFailureOptions): FaultQueue {
  const queue: QueuedFault[] = [];
  let hanging = 0;
  const draw = random ? randomFailures(random) : () => undefined;
  let turn = 0;

  const middleware: RequestHandler = (req, res, next) => {
    const entry = queue.find((candidate) => candidate.remaining > 0 && matches(candidate.fault, req.method, req.path));
    if (entry) entry.remaining -= 1;
    const fault = entry?.fault ?? randomFault(draw, req.path, turn++);
    if (!fault) {
      next();
      return;
    }
    if (!entry && fault.kind === 'hang') {
      // A random timeout happens after the work is done: only the answer is lost.
      swallowAnswer(res, random?.timeoutMs);
      next();
      return;
    }
    switch (fault.kind) {
      case 'hang':
        hanging += 1;
        res.on('close', () => {
          hanging -= 1;
        });
        return;
      case 'rate-limit':
        sendRateLimited(res, fault.policy ?? 'TEN_SECONDLY_ROLLING', portalIdFor(req.headers.authorization), fault.retryAfterSeconds ?? 10);
        return;
      case 'server-error': {
        const status = fault.status ?? 502;
        if (fault.html) {
          res.status(status).type('text/html').send(`<html><body><h1>${status} Bad Gateway</h1></body></html>`);
          return;
        }
        res.status(status).json({ status: 'error', message: 'internal error', correlationId: 'fake-5xx', category: 'INTERNAL_ERROR' });
        return;
      }
      case 'validation':
        sendError(res, 400, 'VALIDATION_ERROR', fault.message);
        return;
      case 'invalid-token':
        sendError(res, 401, 'INVALID_AUTHENTICATION', 'Authentication credentials not found.');
        return;
      case 'missing-scopes':
        sendError(res, 403, 'MISSING_SCOPES', 'This app hasn\'t been granted all required scopes to make this call.');
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
