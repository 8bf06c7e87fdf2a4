import type { Response } from 'express';
import type { z } from 'zod';

/**
 * Stripe's error body: `{ error: { type, code?, message, param?, doc_url? } }`. stripe-node picks its
 * error class from the status (400/404 invalid request, 401 authentication, 429 rate limit, 5xx API)
 * and, for 400/404, `type: 'idempotency_error'`.
 */

export type StripeErrorType = 'invalid_request_error' | 'api_error' | 'idempotency_error' | 'card_error';

export interface StripeErrorBody {
  type: StripeErrorType;
  message: string;
  code?: string;
  param?: string;
  doc_url?: string;
}

export class StripeApiError extends Error {
  constructor(
    readonly status: number,
    readonly body: StripeErrorBody,
  ) {
    super(body.message);
  }
}

export function sendStripeError(res: Response, status: number, body: StripeErrorBody): void {
  const withDocs = body.code
    ? { ...body, doc_url: `https://stripe.com/docs/error-codes/${body.code.replaceAll('_', '-')}` }
    : body;
  res.status(status).json({ error: withDocs });
}

/** "No such customer: 'cus_x'" — what Stripe says for an unknown id, in the path or in a parameter. */
export function noSuch(resource: string, id: string, param = 'id'): StripeApiError {
  return new StripeApiError(404, {
    type: 'invalid_request_error',
    code: 'resource_missing',
    message: `No such ${resource}: '${id}'`,
    param,
  });
}

export function invalidRequest(message: string, param?: string, code?: string): StripeApiError {
  return new StripeApiError(400, {
    type: 'invalid_request_error',
    message,
    ...(param ? { param } : {}),
    ...(code ? { code } : {}),
  });
}

/** Zod's path as Stripe names parameters: line_items[0][price]. */
function paramName(path: PropertyKey[]): string {
  const [first, ...rest] = path.map(String);
  return `${first ?? ''}${rest.map((segment) => `[${segment}]`).join('')}`;
}

/** The first problem with a request's parameters, worded as Stripe words it. */
export function paramError(error: z.ZodError): StripeApiError {
  const issue = error.issues[0];
  if (!issue) return invalidRequest('Invalid request.');
  if (issue.code === 'unrecognized_keys') {
    const name = paramName([...issue.path, issue.keys[0] ?? '']);
    return invalidRequest(`Received unknown parameter: ${name}`, name, 'parameter_unknown');
  }
  const name = paramName(issue.path);
  if (issue.code === 'invalid_type' && issue.input === undefined) {
    return invalidRequest(`Missing required param: ${name}.`, name, 'parameter_missing');
  }
  if (issue.code === 'invalid_value') {
    return invalidRequest(`Invalid ${name}: must be one of ${issue.values.map(String).join(', ')}`, name);
  }
  return invalidRequest(`Invalid ${name}: ${issue.message}`, name);
}

export function parseParams<T extends z.ZodType>(schema: T, params: unknown): z.output<T> {
  const parsed = schema.safeParse(params);
  if (!parsed.success) throw paramError(parsed.error);
  return parsed.data;
}
