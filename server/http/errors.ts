import type { ErrorRequestHandler, RequestHandler } from 'express';
import { ZodError } from 'zod';
import { reportError } from '../observability/error-reporting';
import { routeLabel } from './request-context';

/** An error whose message is safe and useful to show the caller. */
export class HttpError extends Error {
  constructor(
    readonly status: number,
    message: string,
    readonly code = 'error',
    readonly details?: unknown,
    readonly headers: Record<string, string> = {},
  ) {
    super(message);
    this.name = 'HttpError';
  }
}

export const notFound = (what = 'Not found') => new HttpError(404, what, 'not_found');
export const forbidden = (why = 'You do not have access to this.') => new HttpError(403, why, 'forbidden');
export const unauthorized = (why = 'Sign in to continue.') => new HttpError(401, why, 'unauthorized');
export const badRequest = (why: string, details?: unknown) => new HttpError(400, why, 'bad_request', details);
export const conflict = (why: string) => new HttpError(409, why, 'conflict');

export const notFoundHandler: RequestHandler = (req, _res, next) => {
  next(new HttpError(404, `No route for ${req.method} ${req.path}`, 'not_found'));
};

interface BodyParserError {
  type?: string;
  status?: number;
  expose?: boolean;
  message?: string;
}

/** Bad input gets a 4xx with a reason; anything unexpected is logged and gets a 500 without internals. */
export const errorHandler: ErrorRequestHandler = (error: unknown, req, res, _next) => {
  if (res.headersSent) return;
  if (error instanceof HttpError) {
    for (const [name, value] of Object.entries(error.headers)) res.setHeader(name, value);
    res.status(error.status).json({ error: { code: error.code, message: error.message, details: error.details } });
    return;
  }
  if (error instanceof ZodError) {
    res.status(400).json({
      error: {
        code: 'invalid_input',
        message: 'The request is not valid: ' + error.issues.map((i) => `${i.path.join('.') || 'body'}: ${i.message}`).join('; '),
        details: error.issues.map((i) => ({ path: i.path.join('.'), message: i.message })),
      },
    });
    return;
  }
  const parserError = error as BodyParserError;
  if (parserError.type === 'entity.too.large') {
    res.status(413).json({ error: { code: 'too_large', message: 'The request body is too large.' } });
    return;
  }
  if (parserError.type === 'entity.parse.failed') {
    res.status(400).json({ error: { code: 'malformed_json', message: 'The request body is not valid JSON.' } });
    return;
  }
  if (typeof parserError.status === 'number' && parserError.status >= 400 && parserError.status < 500 && parserError.expose) {
    res.status(parserError.status).json({ error: { code: 'bad_request', message: parserError.message ?? 'Bad request' } });
    return;
  }
  req.log.error({ err: error }, 'unhandled error');
  reportError(error, { route: routeLabel(req), requestId: req.id });
  res.status(500).json({ error: { code: 'internal', message: 'Something went wrong on our side. It has been logged; please try again.', requestId: req.id } });
};
