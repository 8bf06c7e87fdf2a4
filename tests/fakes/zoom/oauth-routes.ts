import { createHash, timingSafeEqual } from 'node:crypto';
import express, { type Request, type Response } from 'express';
import { countCall, type FakeZoomContext } from './context';
import { opaqueToken, type FakeGrant } from './state';

/**
 * zoom.us/oauth: authorize (redirects straight back: the consent screen is skipped), token
 * (authorization_code with PKCE, refresh_token with rotation) and revoke. Error bodies are Zoom's
 * `{ reason, error }`.
 */

const CODE_TTL_MS = 5 * 60_000;

export function oauthRoutes(ctx: FakeZoomContext): express.Router {
  const router = express.Router();
  router.use('/oauth', express.urlencoded({ extended: false, limit: '16kb' }));

  router.get('/oauth/authorize', (req, res) => {
    countCall(ctx.stats, 'GET /oauth/authorize');
    const q = (name: string) => (typeof req.query[name] === 'string' ? req.query[name] : undefined);
    if (q('response_type') !== 'code')
      return void res.status(400).type('text/html').send('<p>Invalid response_type.</p>');
    if (q('client_id') !== ctx.clientId)
      return void res.status(400).type('text/html').send('<p>Invalid client_id.</p>');
    const redirectUri = q('redirect_uri');
    if (!redirectUri || !/^https?:\/\//.test(redirectUri))
      return void res.status(400).type('text/html').send('<p>Invalid redirect_uri.</p>');
    const method = q('code_challenge_method') ?? (q('code_challenge') ? 'plain' : undefined);
    if (method !== undefined && method !== 'S256' && method !== 'plain')
      return void res.status(400).type('text/html').send('<p>Unsupported code_challenge_method.</p>');
    // login_as is a test hint (user id or email) standing in for whoever signs in on zoom.us.
    const hint = q('login_as');
    const user = hint
      ? [...ctx.state.users.values()].find((u) => u.id === hint || u.email === hint)
      : ctx.state.users.get(ctx.defaultUserId);
    if (!user) return void res.status(400).type('text/html').send('<p>Unknown user.</p>');
    const code = issueCode(ctx, {
      userId: user.id,
      redirectUri,
      codeChallenge: q('code_challenge') ?? null,
      method: method ?? null,
    });
    const target = new URL(redirectUri);
    target.searchParams.set('code', code);
    const state = q('state');
    if (state !== undefined) target.searchParams.set('state', state);
    res.redirect(302, target.toString());
  });

  router.post('/oauth/token', (req, res) => {
    countCall(ctx.stats, 'POST /oauth/token');
    if (!validClient(ctx, req))
      return void oauthError(res, 400, 'invalid_client', 'Invalid client_id or client_secret');
    const param = (name: string) => formValue(req, name);
    switch (param('grant_type')) {
      case 'authorization_code':
        return void exchangeCode(ctx, res, param);
      case 'refresh_token':
        return void refresh(ctx, res, param('refresh_token'));
      default:
        return void oauthError(res, 400, 'unsupported_grant_type', 'Unsupported grant type');
    }
  });

  router.post('/oauth/revoke', (req, res) => {
    countCall(ctx.stats, 'POST /oauth/revoke');
    if (!validClient(ctx, req))
      return void oauthError(res, 400, 'invalid_client', 'Invalid client_id or client_secret');
    const token = formValue(req, 'token');
    const grantId = token
      ? (ctx.state.accessTokens.get(token)?.grantId ?? ctx.state.refreshTokens.get(token)?.grantId)
      : undefined;
    if (!grantId) return void oauthError(res, 400, 'invalid_request', 'Invalid Token!');
    // Revoking either token ends the whole authorization, as uninstalling would.
    const grant = ctx.state.grants.get(grantId);
    if (grant) grant.revoked = true;
    res.json({ status: 'success' });
  });

  return router;
}

/** A code as zoom.us would hand one to the redirect URI (or to zoomSdk's onAuthorized). */
export function issueCode(
  ctx: FakeZoomContext,
  input: {
    userId: string;
    redirectUri: string;
    codeChallenge: string | null;
    method: 'S256' | 'plain' | null;
  },
): string {
  const code = opaqueToken('').slice(0, 32);
  ctx.state.codes.set(code, {
    grantUserId: input.userId,
    redirectUri: input.redirectUri,
    codeChallenge: input.codeChallenge,
    method: input.codeChallenge ? (input.method ?? 'plain') : null,
    expiresAt: Date.now() + CODE_TTL_MS,
    used: false,
  });
  return code;
}

function exchangeCode(
  ctx: FakeZoomContext,
  res: Response,
  param: (name: string) => string | undefined,
): void {
  const code = param('code') ?? '';
  const record = ctx.state.codes.get(code);
  if (!record || record.used || record.expiresAt < Date.now())
    return oauthError(res, 400, 'invalid_request', `Invalid authorization code ${code}`);
  if (param('redirect_uri') !== record.redirectUri)
    return oauthError(res, 400, 'invalid_request', 'Invalid redirect uri');
  if (record.codeChallenge) {
    const verifier = param('code_verifier') ?? '';
    const derived =
      record.method === 'S256'
        ? createHash('sha256').update(verifier, 'ascii').digest('base64url')
        : verifier;
    // Zoom does not document this error; RFC 7636 section 4.6 says invalid_grant.
    if (!verifier || !safeEqual(derived, record.codeChallenge))
      return oauthError(res, 400, 'invalid_grant', 'Invalid code_verifier');
  }
  record.used = true;
  const user = ctx.state.users.get(record.grantUserId);
  if (!user) return oauthError(res, 400, 'invalid_request', 'Invalid user');
  const grant: FakeGrant = {
    id: opaqueToken('grant_'),
    accountId: user.accountId,
    userId: user.id,
    scopes: [...ctx.scopes],
    revoked: false,
  };
  ctx.state.grants.set(grant.id, grant);
  res.json(issueTokens(ctx, grant));
}

function refresh(ctx: FakeZoomContext, res: Response, refreshToken: string | undefined): void {
  const record = refreshToken ? ctx.state.refreshTokens.get(refreshToken) : undefined;
  const grant = record ? ctx.state.grants.get(record.grantId) : undefined;
  // Zoom rotates refresh tokens: only the latest one works, and each works once.
  if (!record || record.used || !grant || grant.revoked)
    return oauthError(res, 400, 'invalid_grant', 'Invalid Token!');
  record.used = true;
  res.json(issueTokens(ctx, grant));
}

function issueTokens(ctx: FakeZoomContext, grant: FakeGrant) {
  const accessToken = opaqueToken('fake_at_');
  const refreshToken = opaqueToken('fake_rt_');
  ctx.state.accessTokens.set(accessToken, {
    grantId: grant.id,
    expiresAt: Date.now() + ctx.accessTokenTtlSeconds * 1000,
  });
  ctx.state.refreshTokens.set(refreshToken, { grantId: grant.id, used: false });
  return {
    access_token: accessToken,
    token_type: 'bearer',
    refresh_token: refreshToken,
    expires_in: ctx.accessTokenTtlSeconds,
    scope: grant.scopes.join(' '),
    api_url: ctx.origin(),
  };
}

function validClient(ctx: FakeZoomContext, req: Request): boolean {
  const header = req.headers.authorization ?? '';
  if (!header.startsWith('Basic ')) return false;
  return safeEqual(
    Buffer.from(header.slice(6), 'base64').toString('utf8'),
    `${ctx.clientId}:${ctx.clientSecret}`,
  );
}

/** Zoom reads these from the form body or, as its older docs show, the query string. */
function formValue(req: Request, name: string): string | undefined {
  const body: unknown = req.body;
  const fromBody =
    typeof body === 'object' && body !== null ? (body as Record<string, unknown>)[name] : undefined;
  if (typeof fromBody === 'string') return fromBody;
  const fromQuery = req.query[name];
  return typeof fromQuery === 'string' ? fromQuery : undefined;
}

function oauthError(res: Response, status: number, error: string, reason: string): void {
  res.status(status).json({ reason, error });
}

function safeEqual(a: string, b: string): boolean {
  const left = Buffer.from(a);
  const right = Buffer.from(b);
  return left.length === right.length && timingSafeEqual(left, right);
}
