import express, { Router, type Request, type RequestHandler } from 'express';
import { z } from 'zod';
import { signIn } from '../auth/routes';
import { csrfTokenFor } from '../http/csrf';
import { badRequest, HttpError, unauthorized } from '../http/errors';
import { saveSession } from '../http/session';
import { AccountLookupCache } from '../orgs/account-cache';
import type { Services } from '../services';
import { APP_CONTEXT_HEADER, decryptAppContext } from './app-context';
import { classifyEvent, deliveryKey, parseZoomWebhook } from './events';
import { DeliveryBatcher } from './ingest-batcher';
import { authorizeUrl, codeChallengeFor, createCodeVerifier, createOAuthState } from './oauth';
import { completeZoomSignIn, handleZoomDeauthorization, zoomOAuthClient, zoomRedirectUri } from './service';
import { SIGNATURE_HEADER, TIMESTAMP_HEADER, urlValidationResponse, verifyZoomWebhook } from './webhook-signature';

const OAUTH_STATE_TTL_MS = 10 * 60_000;
const returnToSchema = z
  .string()
  .regex(/^\/app(\/[A-Za-z0-9/_?=&%.-]*)?$/)
  .catch('/app');
const inClientCompleteSchema = z.object({ code: z.string().min(1).max(2000), state: z.string().min(1).max(200) });

export type WebhookOutcome = 'accepted' | 'duplicate' | 'url_validation' | 'deauthorized' | 'unknown_event' | 'unknown_account' | 'rejected';

/** Zoom sign-in for the web view (authorization code + PKCE) and the panel (in-client OAuth). */
export function zoomAuthRoutes(services: Services): Router {
  const router = Router();

  router.get('/auth/zoom', async (req, res) => {
    const verifier = createCodeVerifier();
    const state = createOAuthState();
    req.session.oauth = { state, verifier, returnTo: returnToSchema.parse(req.query.returnTo), startedAt: services.clock.now().getTime() };
    await saveSession(req);
    res.redirect(
      302,
      authorizeUrl({
        oauthBaseUrl: services.config.zoom.oauthBaseUrl,
        clientId: services.config.zoom.clientId,
        redirectUri: zoomRedirectUri(services),
        state,
        codeChallenge: codeChallengeFor(verifier, 'S256'),
        method: 'S256',
      }),
    );
  });

  router.get('/auth/zoom/callback', async (req, res) => {
    const pending = takePendingOAuth(req, services, typeof req.query.state === 'string' ? req.query.state : '');
    if (typeof req.query.error === 'string') {
      res.redirect(302, `/app?error=${encodeURIComponent('Zoom sign-in was cancelled or refused.')}`);
      return;
    }
    const code = typeof req.query.code === 'string' ? req.query.code : '';
    if (!code) throw badRequest('Zoom did not return an authorization code.');
    const tokens = await zoomOAuthClient(services).exchangeCode({ code, redirectUri: zoomRedirectUri(services), codeVerifier: pending.verifier });
    const user = await completeZoomSignIn(services, tokens);
    await signIn(req, services, user, 'zoom_oauth');
    res.redirect(302, pending.returnTo);
  });

  // In-client OAuth: the panel asks for a challenge, calls zoomSdk.authorize with it, and hands us the code.
  router.post('/auth/zoom/in-client/start', async (req, res) => {
    const verifier = createCodeVerifier();
    const state = createOAuthState();
    req.session.oauth = { state, verifier, returnTo: '/panel', startedAt: services.clock.now().getTime() };
    await saveSession(req);
    // Zoom's in-client flow uses the plain method: the challenge is the verifier itself.
    res.json({ codeChallenge: codeChallengeFor(verifier, 'plain'), state });
  });

  router.post('/auth/zoom/in-client/complete', async (req, res) => {
    const input = inClientCompleteSchema.parse(req.body);
    const pending = takePendingOAuth(req, services, input.state);
    const tokens = await zoomOAuthClient(services).exchangeCode({ code: input.code, redirectUri: zoomRedirectUri(services), codeVerifier: pending.verifier });
    const user = await completeZoomSignIn(services, tokens);
    await signIn(req, services, user, 'zoom_in_client');
    res.json({ ok: true, csrfToken: csrfTokenFor(req) });
  });

  return router;
}

function takePendingOAuth(req: Request, services: Services, state: string) {
  const pending = req.session.oauth;
  req.session.oauth = undefined;
  if (!pending || !state || pending.state !== state) {
    throw new HttpError(400, 'This sign-in link is not valid any more. Start the sign-in again.', 'oauth_state');
  }
  if (services.clock.now().getTime() - pending.startedAt > OAUTH_STATE_TTL_MS) {
    throw new HttpError(400, 'The sign-in took too long. Start it again.', 'oauth_state');
  }
  return pending;
}

/**
 * Requests from the Zoom panel carry X-Zoom-App-Context. When present it must decrypt, be current,
 * and name the signed-in user: the request is bound to that Zoom user and account.
 */
export function bindZoomAppContext(services: Services): RequestHandler {
  return (req, _res, next) => {
    const header = req.headers[APP_CONTEXT_HEADER];
    if (header === undefined) return next();
    const result = decryptAppContext(header, {
      clientId: services.config.zoom.clientId,
      clientSecret: services.config.zoom.clientSecret,
      clock: services.clock,
    });
    if (!result.ok) return next(unauthorized(`The Zoom app context is not valid (${result.reason}). Reopen the app in Zoom.`));
    if (req.auth && req.auth.zoomUserId !== result.context.uid) {
      return next(unauthorized('The Zoom app context belongs to another user. Sign in again inside Zoom.'));
    }
    next();
  };
}

/**
 * POST /webhooks/zoom. Verify the signature over the exact bytes, then store the delivery and
 * enqueue its job in one transaction, then answer: well inside Zoom's 3-second deadline, and a
 * failure to store answers 5xx so Zoom retries.
 */
export function zoomWebhookRoutes(services: Services, observe?: (outcome: WebhookOutcome) => void): Router {
  const router = Router();
  const accounts = new AccountLookupCache(services.db);
  const deliveries = new DeliveryBatcher(services.db, services.boss);
  router.post('/webhooks/zoom', express.raw({ type: () => true, limit: '256kb' }), async (req, res) => {
    const rawBody = Buffer.isBuffer(req.body) ? req.body : Buffer.alloc(0);
    const check = verifyZoomWebhook({
      rawBody,
      timestamp: req.headers[TIMESTAMP_HEADER],
      signature: req.headers[SIGNATURE_HEADER],
      secretToken: services.config.zoom.webhookSecretToken,
      clock: services.clock,
    });
    if (!check.ok) {
      observe?.('rejected');
      res.status(401).json({ error: { code: 'invalid_signature', message: `Webhook signature check failed: ${check.reason}.` } });
      return;
    }
    const parsed = parseZoomWebhook(rawBody);
    if (!parsed.ok) {
      observe?.('rejected');
      res.status(400).json({ error: { code: parsed.reason, message: 'The webhook body is not a Zoom event.' } });
      return;
    }
    const event = classifyEvent(parsed.envelope);
    switch (event.kind) {
      case 'url_validation':
        observe?.('url_validation');
        res.json(urlValidationResponse(event.plainToken, services.config.zoom.webhookSecretToken));
        return;
      case 'deauthorized': {
        const result = await handleZoomDeauthorization(services, event.accountId);
        accounts.forget(event.accountId);
        observe?.('deauthorized');
        res.json({ status: 'deauthorized', known: result.orgId !== null });
        return;
      }
      case 'unknown':
        observe?.('unknown_event');
        req.log.info({ event: event.event, reason: event.reason }, 'unhandled Zoom event acknowledged');
        res.json({ status: 'ignored' });
        return;
      case 'engagement': {
        const org = await accounts.find(event.accountId);
        if (!org || org.zoomDeauthorizedAt) {
          observe?.('unknown_account');
          res.json({ status: 'ignored', reason: 'account is not connected to CallRecap' });
          return;
        }
        const outcome = await deliveries.store(org.id, { dedupeKey: deliveryKey(parsed.envelope), event: event.event, zoomEngagementId: event.engagementId });
        observe?.(outcome);
        res.json({ status: outcome });
        return;
      }
    }
  });
  return router;
}
