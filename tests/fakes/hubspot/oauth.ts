import { randomUUID } from 'node:crypto';
import express, { type RequestHandler, type Response, type Router } from 'express';
import { sendError } from './errors';
import { newToken, type HubSpotState } from './state';

/**
 * HubSpot OAuth as api-client 14 uses it: GET /oauth/authorize (the app.hubspot.com consent page,
 * here approving at once), POST /oauth/v1/token (authorization_code and refresh_token grants,
 * form-encoded), GET /oauth/v1/access-tokens/:token, DELETE /oauth/v1/refresh-tokens/:token.
 * Also the bearer-token check every CRM endpoint goes through.
 */

export interface FakeHubSpotApp {
  clientId: string;
  clientSecret: string;
  redirectUri: string;
  scopes: string[];
}

export interface OAuthSettings {
  app: FakeHubSpotApp;
  portalId: string;
  accessTokenTtlSeconds: number;
}

/** The token endpoint's own error shape: { status: 'BAD_REFRESH_TOKEN', message, ... }. */
function tokenError(res: Response, status: string, message: string): void {
  res.status(400).json({ status, message, correlationId: randomUUID(), requestId: randomUUID() });
}

export function issueTokens(state: HubSpotState, portalId: string, scopes: string[], ttlSeconds: number, refreshToken = newToken('')) {
  const accessToken = newToken('CN');
  state.refreshTokens.set(refreshToken, state.refreshTokens.get(refreshToken) ?? { portalId, revoked: false, scopes });
  state.accessTokens.set(accessToken, { portalId, refreshToken, expiresAt: Date.now() + ttlSeconds * 1000 });
  return { access_token: accessToken, refresh_token: refreshToken, expires_in: ttlSeconds, token_type: 'bearer' };
}

export function oauthRouter(state: HubSpotState, settings: OAuthSettings): Router {
  const { app } = settings;
  const router = express.Router();

  router.get('/oauth/authorize', (req, res) => {
    const query = new URLSearchParams(req.url.split('?')[1] ?? '');
    const requested = (query.get('scope') ?? '').split(/[\s+]+/).filter(Boolean);
    if (query.get('client_id') !== app.clientId) {
      res.status(400).type('text/plain').send('Authorization failed because the client_id is not valid.');
      return;
    }
    if (query.get('redirect_uri') !== app.redirectUri) {
      res.status(400).type('text/plain').send('Authorization failed because the redirect URL does not match the app settings.');
      return;
    }
    const unknown = requested.filter((scope) => !app.scopes.includes(scope));
    if (unknown.length > 0) {
      res.status(400).type('text/plain').send(`Authorization failed because these scopes are not configured for the app: ${unknown.join(', ')}`);
      return;
    }
    const code = randomUUID();
    state.authCodes.set(code, { portalId: settings.portalId, redirectUri: app.redirectUri, scopes: requested });
    const target = new URL(app.redirectUri);
    target.searchParams.set('code', code);
    const stateParam = query.get('state');
    if (stateParam !== null) target.searchParams.set('state', stateParam);
    res.redirect(302, target.toString());
  });

  router.post('/oauth/v1/token', express.urlencoded({ extended: false }), (req, res) => {
    const form = req.body as Record<string, string | undefined>;
    if (form.client_id !== app.clientId) return tokenError(res, 'BAD_CLIENT_ID', 'missing or invalid client id');
    if (form.client_secret !== app.clientSecret) return tokenError(res, 'BAD_CLIENT_SECRET', 'missing or invalid client secret');
    if (form.grant_type === 'authorization_code') {
      const grant = form.code ? state.authCodes.get(form.code) : undefined;
      if (!grant) return tokenError(res, 'BAD_AUTH_CODE', 'missing or unknown auth code');
      if (form.redirect_uri !== grant.redirectUri) return tokenError(res, 'BAD_REDIRECT_URI', 'redirect_uri does not match');
      state.authCodes.delete(form.code ?? '');
      res.json(issueTokens(state, grant.portalId, grant.scopes, settings.accessTokenTtlSeconds));
      return;
    }
    if (form.grant_type === 'refresh_token') {
      const grant = form.refresh_token ? state.refreshTokens.get(form.refresh_token) : undefined;
      if (!grant || grant.revoked || !form.refresh_token) return tokenError(res, 'BAD_REFRESH_TOKEN', 'missing or unknown refresh token');
      res.json(issueTokens(state, grant.portalId, grant.scopes, settings.accessTokenTtlSeconds, form.refresh_token));
      return;
    }
    tokenError(res, 'BAD_GRANT_TYPE', `unsupported grant_type ${form.grant_type ?? ''}`);
  });

  router.get('/oauth/v1/access-tokens/:token', (req, res) => {
    const grant = state.accessTokens.get(req.params.token);
    if (!grant || grant.expiresAt <= Date.now()) return sendError(res, 404, 'OBJECT_NOT_FOUND', 'Token not found or expired');
    res.json({
      token: req.params.token,
      user: 'agent@example.com',
      hub_domain: `portal-${grant.portalId}.example.com`,
      scopes: state.refreshTokens.get(grant.refreshToken)?.scopes ?? [],
      hub_id: Number(grant.portalId),
      app_id: 4242,
      expires_in: Math.floor((grant.expiresAt - Date.now()) / 1000),
      user_id: 7,
      token_type: 'access',
    });
  });

  router.delete('/oauth/v1/refresh-tokens/:token', (req, res) => {
    const grant = state.refreshTokens.get(req.params.token);
    if (!grant || grant.revoked) return sendError(res, 404, 'OBJECT_NOT_FOUND', 'Refresh token not found');
    revokeGrant(state, req.params.token);
    res.status(204).end();
  });

  return router;
}

/** Revoking a refresh token ends every access token issued from it. */
export function revokeGrant(state: HubSpotState, refreshToken: string): void {
  const grant = state.refreshTokens.get(refreshToken);
  if (grant) grant.revoked = true;
  for (const [token, access] of state.accessTokens) if (access.refreshToken === refreshToken) state.accessTokens.delete(token);
}

export function requireAccessToken(state: HubSpotState): RequestHandler {
  return (req, res, next) => {
    const token = /^Bearer (.+)$/.exec(req.headers.authorization ?? '')?.[1];
    const grant = token ? state.accessTokens.get(token) : undefined;
    if (!grant) {
      sendError(res, 401, 'INVALID_AUTHENTICATION', 'Authentication credentials not found. This API supports OAuth 2.0 authentication and you can find more details at https://developers.hubspot.com/docs/methods/auth/oauth-overview');
      return;
    }
    const expiredFor = Math.ceil((Date.now() - grant.expiresAt) / 1000);
    if (expiredFor >= 0) {
      sendError(res, 401, 'EXPIRED_AUTHENTICATION', `The OAuth token used to make this call expired ${expiredFor} second(s) ago.`);
      return;
    }
    res.locals.portalId = grant.portalId;
    next();
  };
}
