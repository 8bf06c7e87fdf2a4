import { randomBytes, timingSafeEqual } from 'node:crypto';
import type { Request, RequestHandler } from 'express';
import { HttpError } from './errors';

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);
export const CSRF_HEADER = 'x-csrf-token';

/** The session's synchronizer token, created on first use; the client reads it from /api/session. */
export function csrfTokenFor(req: Request): string {
  req.session.csrfToken ??= randomBytes(24).toString('base64url');
  return req.session.csrfToken;
}

/**
 * Every state-changing request must come from our own pages: a same-origin Origin / Sec-Fetch-Site
 * and the session's token in a header (a cross-site form cannot set headers).
 */
export function csrfProtection(publicOrigin: string): RequestHandler {
  return (req, _res, next) => {
    if (SAFE_METHODS.has(req.method)) return next();
    const site = req.header('sec-fetch-site');
    if (site && site !== 'same-origin' && site !== 'none') {
      return next(new HttpError(403, 'Cross-site request refused.', 'csrf'));
    }
    const origin = req.header('origin');
    if (origin && origin !== publicOrigin && origin !== requestOrigin(req)) {
      return next(new HttpError(403, 'Request from another origin refused.', 'csrf'));
    }
    const expected = req.session?.csrfToken;
    const given = req.header(CSRF_HEADER);
    if (!expected || !given || !sameToken(expected, given)) {
      return next(new HttpError(403, 'Missing or invalid CSRF token. Reload the page and try again.', 'csrf'));
    }
    next();
  };
}

function requestOrigin(req: Request): string {
  return `${req.protocol}://${req.get('host') ?? ''}`;
}

function sameToken(a: string, b: string): boolean {
  const left = Buffer.from(a);
  const right = Buffer.from(b);
  return left.length === right.length && timingSafeEqual(left, right);
}
