import { randomBytes } from 'node:crypto';
import helmet from 'helmet';
import type { RequestHandler, Response } from 'express';

/** Zoom's embedded browser refuses HTML without these; the panel is framed by Zoom's domains. */
export const ZOOM_FRAME_ANCESTORS = ["'self'", 'https://*.zoom.us', 'https://*.zoom.com', 'https://*.zoomgov.com'];

export function cspNonce(res: Response): string {
  return String(res.locals.cspNonce);
}

export function securityHeaders(options: { development: boolean }): RequestHandler[] {
  const nonce: RequestHandler = (_req, res, next) => {
    res.locals.cspNonce = randomBytes(16).toString('base64');
    next();
  };
  const headers = helmet({
    contentSecurityPolicy: {
      useDefaults: false,
      directives: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'", (_req, res) => `'nonce-${cspNonce(res as Response)}'`, 'https://appssdk.zoom.us'],
        styleSrc: ["'self'", (_req, res) => `'nonce-${cspNonce(res as Response)}'`],
        imgSrc: ["'self'", 'data:'],
        fontSrc: ["'self'", 'data:'],
        connectSrc: ["'self'", ...(options.development ? ['ws:', 'wss:'] : [])],
        frameAncestors: ZOOM_FRAME_ANCESTORS,
        formAction: ["'self'", 'https://*.zoom.us', 'https://*.hubspot.com', 'https://*.salesforce.com', 'https://checkout.stripe.com', 'https://billing.stripe.com'],
        baseUri: ["'self'"],
        objectSrc: ["'none'"],
        ...(options.development ? {} : { upgradeInsecureRequests: [] }),
      },
    },
    strictTransportSecurity: { maxAge: 31_536_000, includeSubDomains: true },
    referrerPolicy: { policy: 'same-origin' },
    // frame-ancestors governs framing; X-Frame-Options would block Zoom's client.
    frameguard: false,
    crossOriginEmbedderPolicy: false,
    crossOriginResourcePolicy: { policy: 'same-site' },
    crossOriginOpenerPolicy: { policy: 'same-origin-allow-popups' },
  });
  return [nonce, headers];
}

/** Authenticated JSON must never sit in a shared or browser cache. */
export const noStore: RequestHandler = (_req, res, next) => {
  res.setHeader('Cache-Control', 'no-store');
  next();
};
