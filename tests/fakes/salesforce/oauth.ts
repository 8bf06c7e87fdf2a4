import { createHash, randomUUID } from 'node:crypto';
import express, { type RequestHandler, type Response, type Router } from 'express';
import { sendErrors } from './faults';
import { newAccessToken, newRefreshToken, ORG_ID, USER_ID, type SalesforceState } from './state';

/**
 * Salesforce's OAuth 2.0 web-server flow under /services/oauth2: authorize (auto-approved, with
 * optional PKCE), token (authorization_code and refresh_token grants, form-encoded, OAuth-style
 * errors such as invalid_grant), revoke; and the bearer check on the REST API (401 INVALID_SESSION_ID).
 */

export interface FakeSalesforceApp {
  clientId: string;
  clientSecret: string;
  redirectUri: string;
}

function oauthError(res: Response, error: string, description: string): void {
  res.status(400).json({ error, error_description: description });
}

export function issueTokens(state: SalesforceState, baseUrl: string, scope: string, refreshToken?: string) {
  const accessToken = newAccessToken();
  const refresh = refreshToken ?? newRefreshToken();
  if (!state.refreshTokens.has(refresh)) state.refreshTokens.set(refresh, { revoked: false, scope });
  state.accessTokens.set(accessToken, { refreshToken: refresh, expired: false });
  return {
    access_token: accessToken,
    ...(refreshToken ? {} : { refresh_token: refresh }),
    signature: createHash('sha256').update(accessToken).digest('base64'),
    scope,
    instance_url: baseUrl,
    id: `${baseUrl}/id/${ORG_ID}/${USER_ID}`,
    token_type: 'Bearer',
    issued_at: String(Date.now()),
  };
}

function s256(verifier: string): string {
  return createHash('sha256').update(verifier).digest('base64url');
}

export function oauthRouter(state: SalesforceState, app: FakeSalesforceApp, baseUrl: () => string): Router {
  const router = express.Router();

  router.get('/services/oauth2/authorize', (req, res) => {
    const query = new URLSearchParams(req.url.split('?')[1] ?? '');
    if (query.get('response_type') !== 'code' || query.get('client_id') !== app.clientId) {
      res.status(400).type('text/html').send('<html><body>error=invalid_client_id&amp;error_description=client identifier invalid</body></html>');
      return;
    }
    if (query.get('redirect_uri') !== app.redirectUri) {
      res.status(400).type('text/html').send('<html><body>error=redirect_uri_mismatch&amp;error_description=redirect_uri must match configuration</body></html>');
      return;
    }
    const code = `aPrx${randomUUID()}`;
    state.authCodes.set(code, { redirectUri: app.redirectUri, scope: query.get('scope') ?? 'api refresh_token', codeChallenge: query.get('code_challenge') ?? undefined });
    const target = new URL(app.redirectUri);
    target.searchParams.set('code', code);
    const stateParam = query.get('state');
    if (stateParam !== null) target.searchParams.set('state', stateParam);
    res.redirect(302, target.toString());
  });

  router.post('/services/oauth2/token', express.urlencoded({ extended: false }), (req, res) => {
    const form = req.body as Record<string, string | undefined>;
    if (form.client_id !== app.clientId) return oauthError(res, 'invalid_client_id', 'client identifier invalid');
    if (form.client_secret !== app.clientSecret) return oauthError(res, 'invalid_client', 'invalid client credentials');
    if (form.grant_type === 'authorization_code') {
      const grant = form.code ? state.authCodes.get(form.code) : undefined;
      if (!grant || form.redirect_uri !== grant.redirectUri) return oauthError(res, 'invalid_grant', 'invalid authorization code');
      if (grant.codeChallenge && (!form.code_verifier || s256(form.code_verifier) !== grant.codeChallenge)) {
        return oauthError(res, 'invalid_grant', 'invalid code verifier');
      }
      state.authCodes.delete(form.code ?? '');
      res.json(issueTokens(state, baseUrl(), grant.scope));
      return;
    }
    if (form.grant_type === 'refresh_token') {
      const grant = form.refresh_token ? state.refreshTokens.get(form.refresh_token) : undefined;
      if (!grant || grant.revoked || !form.refresh_token) return oauthError(res, 'invalid_grant', 'expired access/refresh token');
      // No new refresh token: Salesforce only rotates them when the app's policy says so.
      res.json(issueTokens(state, baseUrl(), grant.scope, form.refresh_token));
      return;
    }
    oauthError(res, 'unsupported_grant_type', 'grant type not supported');
  });

  router.post('/services/oauth2/revoke', express.urlencoded({ extended: false }), (req, res) => {
    const token = (req.body as Record<string, string | undefined>).token ?? '';
    const refresh = state.refreshTokens.get(token);
    const access = state.accessTokens.get(token);
    if (!refresh && !access) return oauthError(res, 'unsupported_token_type', 'this token type is not supported');
    if (refresh) revokeGrant(state, token);
    else state.accessTokens.delete(token);
    res.status(200).end();
  });

  return router;
}

/** Revoking a refresh token ends the access tokens issued from it. */
export function revokeGrant(state: SalesforceState, refreshToken: string): void {
  const grant = state.refreshTokens.get(refreshToken);
  if (grant) grant.revoked = true;
  for (const [token, access] of state.accessTokens) if (access.refreshToken === refreshToken) state.accessTokens.delete(token);
}

export function requireSession(state: SalesforceState): RequestHandler {
  return (req, res, next) => {
    const token = /^(?:Bearer|OAuth) (.+)$/.exec(req.headers.authorization ?? '')?.[1];
    const grant = token ? state.accessTokens.get(token) : undefined;
    if (!grant || grant.expired) return sendErrors(res, 401, [{ message: 'Session expired or invalid', errorCode: 'INVALID_SESSION_ID', fields: [] }]);
    next();
  };
}
