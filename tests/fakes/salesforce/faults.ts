import type { RequestHandler, Response } from 'express';
import { randomFailures, swallowAnswer, type RandomFailureOptions } from '../random-failures';
import type { SalesforceError } from './schema';

/**
 * Faults a test (or the demo) queues up for the next N matching requests: API limits
 * (REQUEST_LIMIT_EXCEEDED, daily or concurrent), server errors (JSON, or the HTML page Salesforce's
 * edge serves), a validation rule firing, or no answer at all.
 */

export type SalesforceFaultKind =
  | { kind: 'request-limit'; concurrent?: boolean }
  | { kind: 'server-error'; status?: number; html?: boolean }
  | { kind: 'hang' }
  | { kind: 'validation-rule'; message: string }
  /** 401 whatever the token, as when an admin blocks the app or the user loses API access. */
  | { kind: 'invalid-session' };

export type SalesforceFault = SalesforceFaultKind & { times?: number; method?: string; path?: string | RegExp };

export function sendErrors(res: Response, status: number, errors: SalesforceError[]): void {
  res.status(status).json(errors.map(({ message, errorCode, fields }) => ({ message, errorCode, fields })));
}

export function sendLimitExceeded(res: Response, concurrent = false): void {
  const message = concurrent ? 'ConcurrentPerOrgLongTxn Limit exceeded.' : 'TotalRequests Limit exceeded.';
  sendErrors(res, 403, [{ message, errorCode: 'REQUEST_LIMIT_EXCEEDED', fields: [] }]);
}

function matches(fault: SalesforceFault, method: string, path: string): boolean {
  if (fault.method && fault.method.toUpperCase() !== method) return false;
  if (fault.path === undefined) return true;
  return typeof fault.path === 'string' ? path.startsWith(fault.path) : fault.path.test(path);
}

/**
 * Random failures apply to the REST API only, not OAuth. Salesforce has no 429: an org over its API
 * limits gets 403 REQUEST_LIMIT_EXCEEDED. Then 500/503 (JSON or the edge's HTML page), or a lost answer.
 */
function randomFault(draw: () => ReturnType<ReturnType<typeof randomFailures>>, path: string, turn: number): SalesforceFaultKind | undefined {
  if (!path.startsWith('/services/data/v')) return undefined;
  const failure = draw();
  if (failure === 'rate_limit') return { kind: 'request-limit', concurrent: turn % 2 === 0 };
  if (failure === 'server_error') return { kind: 'server-error', html: turn % 2 === 0 };
  return failure === 'timeout' ? { kind: 'hang' } : undefined;
}

export function createFaultQueue(random?: RandomFailureOptions) {
  const queue: Array<{ fault: SalesforceFault; remaining: number }> = [];
  let hanging = 0;
  const draw = random ? randomFailures(random) : () => undefined;
  let turn = 0;

  const middleware: RequestHandler = (req, res, next) => {
    const entry = queue.find((candidate) => candidate.remaining > 0 && matches(candidate.fault, req.method, req.path));
    if (entry) entry.remaining -= 1;
    const fault = entry?.fault ?? randomFault(draw, req.path, turn++);
    if (!fault) return next();
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
      case 'request-limit':
        return sendLimitExceeded(res, fault.concurrent);
      case 'server-error': {
        const status = fault.status ?? (fault.html ? 503 : 500);
        if (fault.html) {
          res.status(status).type('text/html').send('<html><head><title>Service Unavailable</title></head><body>Service Unavailable</body></html>');
          return;
        }
        return sendErrors(res, status, [{ errorCode: 'UNKNOWN_EXCEPTION', message: 'An unexpected error occurred. Please include this ErrorId if you contact support: 1917301862-81552 (-1536281088)', fields: [] }]);
      }
      case 'validation-rule':
        return sendErrors(res, 400, [{ errorCode: 'FIELD_CUSTOM_VALIDATION_EXCEPTION', message: fault.message, fields: [] }]);
      case 'invalid-session':
        return sendErrors(res, 401, [{ errorCode: 'INVALID_SESSION_ID', message: 'Session expired or invalid', fields: [] }]);
    }
  };

  return {
    inject: (fault: SalesforceFault) => queue.push({ fault, remaining: fault.times ?? 1 }),
    clear: () => queue.splice(0),
    hanging: () => hanging,
    middleware,
  };
}
