import type { RequestHandler } from 'express';
import { canonicalParams, type FormObject } from './form';
import { sendStripeError } from './errors';
import type { StripeState } from './state';

/**
 * Stripe's idempotent requests (POST only; on GET and DELETE the key has no effect):
 * - the first request with a key runs, and its result is saved for 24 hours when it got as far as
 *   running: successes and server errors, not parameter/validation errors;
 * - the same key with the same parameters replays that result, marked `Idempotent-Replayed: true`;
 * - the same key with other parameters (or another endpoint) is a 400 idempotency_error;
 * - the same key while the first request is still running is a 409 (stripe-node retries those).
 */

const RETENTION_MS = 24 * 60 * 60 * 1000;

export function idempotency(state: StripeState): RequestHandler {
  return (req, res, next) => {
    const key = req.get('idempotency-key') ?? null;
    if (req.method !== 'POST' || key === null) {
      next();
      return;
    }
    const now = state.clock.now().getTime();
    for (const [savedKey, saved] of state.idempotency)
      if (now - saved.savedAt > RETENTION_MS) state.idempotency.delete(savedKey);

    const params = canonicalParams(res.locals.params as FormObject);
    const saved = state.idempotency.get(key);
    if (saved) {
      if (saved.method !== req.method || saved.path !== req.path || saved.params !== params) {
        sendStripeError(res, 400, {
          type: 'idempotency_error',
          message: `Keys for idempotent requests can only be used with the same parameters they were first used with. Try using a key other than '${key}' if you meant to execute a different request.`,
        });
        return;
      }
      res.locals.replayed = true;
      res.setHeader('Idempotent-Replayed', 'true');
      res.setHeader('Original-Request', saved.requestId);
      res.status(saved.status).json(saved.body);
      return;
    }
    if (state.idempotencyInFlight.has(key)) {
      sendStripeError(res, 409, {
        type: 'idempotency_error',
        message: `There is currently another in-progress request using this Idempotent Key (that probably means you submitted twice, and the other request is still going through): ${key}. Please try again later.`,
      });
      return;
    }

    state.idempotencyInFlight.add(key);
    res.on('close', () => state.idempotencyInFlight.delete(key));
    const send = res.json.bind(res);
    res.json = (body: unknown) => {
      if (res.statusCode < 400 || res.statusCode >= 500) {
        state.idempotency.set(key, {
          method: req.method,
          path: req.path,
          params,
          status: res.statusCode,
          // A copy: the object in state may change later, the saved answer must not.
          body: structuredClone(body),
          requestId: String(res.locals.requestId),
          savedAt: state.clock.now().getTime(),
        });
      }
      state.idempotencyInFlight.delete(key);
      return send(body);
    };
    next();
  };
}
