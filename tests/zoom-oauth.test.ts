import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ZoomOAuthError } from '../server/zoom/errors';
import {
  authorizeUrl,
  codeChallengeFor,
  createCodeVerifier,
  createOAuthState,
  createZoomOAuthClient,
  type ZoomOAuthClient,
} from '../server/zoom/oauth';
import { startFakeZoom, type FakeZoom } from './fakes/zoom';

const REDIRECT_URI = 'https://callrecap.example.com/auth/zoom/callback';

async function oauthFailure(promise: Promise<unknown>): Promise<ZoomOAuthError> {
  const error = await promise.then(
    () => undefined,
    (reason: unknown) => reason,
  );
  if (!(error instanceof ZoomOAuthError)) throw new Error(`expected a ZoomOAuthError, got ${String(error)}`);
  return error;
}

describe('Zoom OAuth against the fake Zoom', () => {
  let zoom: FakeZoom;
  let oauth: ZoomOAuthClient;

  beforeAll(async () => {
    zoom = await startFakeZoom();
    oauth = createZoomOAuthClient({
      oauthBaseUrl: zoom.oauthBaseUrl,
      clientId: zoom.clientId,
      clientSecret: zoom.clientSecret,
      timeoutMs: 5000,
    });
  });
  afterAll(() => zoom.close());

  /** Follows /oauth/authorize like a browser would, returning the code handed to the redirect URI. */
  async function authorize(challenge: string, method: 'S256' | 'plain', loginAs?: string) {
    const state = createOAuthState();
    const url = new URL(
      authorizeUrl({
        oauthBaseUrl: zoom.oauthBaseUrl,
        clientId: zoom.clientId,
        redirectUri: REDIRECT_URI,
        state,
        codeChallenge: challenge,
        method,
      }),
    );
    if (loginAs) url.searchParams.set('login_as', loginAs);
    const response = await fetch(url, { redirect: 'manual' });
    expect(response.status).toBe(302);
    const location = new URL(response.headers.get('location') ?? '');
    expect(`${location.origin}${location.pathname}`).toBe(REDIRECT_URI);
    expect(location.searchParams.get('state')).toBe(state);
    return location.searchParams.get('code') ?? '';
  }

  it('PKCE helpers match RFC 7636 appendix B', () => {
    expect(codeChallengeFor('dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk', 'S256')).toBe(
      'E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM',
    );
    expect(codeChallengeFor('dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk', 'plain')).toBe(
      'dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk',
    );
    const verifier = createCodeVerifier();
    expect(verifier).toMatch(/^[A-Za-z0-9_-]{43,128}$/);
    expect(createCodeVerifier()).not.toBe(verifier);
    expect(() => codeChallengeFor('too-short', 'S256')).toThrow();
  });

  it('builds the authorize URL with every parameter Zoom needs', () => {
    const url = new URL(
      authorizeUrl({
        oauthBaseUrl: 'https://zoom.us',
        clientId: 'cid',
        redirectUri: REDIRECT_URI,
        state: 's',
        codeChallenge: 'c',
        method: 'S256',
      }),
    );
    expect(url.origin + url.pathname).toBe('https://zoom.us/oauth/authorize');
    expect(Object.fromEntries(url.searchParams)).toEqual({
      response_type: 'code',
      client_id: 'cid',
      redirect_uri: REDIRECT_URI,
      state: 's',
      code_challenge: 'c',
      code_challenge_method: 'S256',
    });
  });

  it('web flow: S256 code exchange gives tokens for the user who signed in', async () => {
    const verifier = createCodeVerifier();
    const agent = zoom.usersWithRole('Agent')[0]!;
    const code = await authorize(codeChallengeFor(verifier, 'S256'), 'S256', agent.email);
    const tokens = await oauth.exchangeCode({ code, redirectUri: REDIRECT_URI, codeVerifier: verifier });
    expect(tokens.tokenType).toBe('bearer');
    expect(tokens.expiresInSeconds).toBe(3599);
    expect(tokens.expiresAt.getTime()).toBeGreaterThan(Date.now() + 3500_000);
    expect(tokens.scopes).toContain('contact_center:read:engagement:admin');
    const me = await fetch(`${zoom.apiBaseUrl}/users/me`, {
      headers: { Authorization: `Bearer ${tokens.accessToken}` },
    });
    expect(((await me.json()) as { id: string }).id).toBe(agent.id);
  });

  it('a wrong S256 verifier is refused, and a code works only once', async () => {
    const verifier = createCodeVerifier();
    const code = await authorize(codeChallengeFor(verifier, 'S256'), 'S256');
    const wrong = await oauthFailure(
      oauth.exchangeCode({ code, redirectUri: REDIRECT_URI, codeVerifier: createCodeVerifier() }),
    );
    expect(wrong.kind).toBe('invalid_grant');
    await oauth.exchangeCode({ code, redirectUri: REDIRECT_URI, codeVerifier: verifier });
    const reused = await oauthFailure(
      oauth.exchangeCode({ code, redirectUri: REDIRECT_URI, codeVerifier: verifier }),
    );
    expect(reused.kind).toBe('invalid_request');
    expect(reused.status).toBe(400);
  });

  it('in-client flow: the plain method, where the challenge is the verifier', async () => {
    const verifier = createCodeVerifier();
    const panelUrl = 'https://callrecap.example.com/panel';
    const authorized = zoom.authorizeInClient({
      codeChallenge: codeChallengeFor(verifier, 'plain'),
      redirectUri: panelUrl,
      state: 'st',
    });
    await expect(
      oauth.exchangeCode({
        code: authorized.code,
        redirectUri: panelUrl,
        codeVerifier: createCodeVerifier(),
      }),
    ).rejects.toBeInstanceOf(ZoomOAuthError);
    const tokens = await oauth.exchangeCode({
      code: authorized.code,
      redirectUri: authorized.redirectUri,
      codeVerifier: verifier,
    });
    expect(tokens.accessToken).toBeTruthy();
  });

  it('the redirect URI must match the one the code was issued for', async () => {
    const verifier = createCodeVerifier();
    const code = await authorize(codeChallengeFor(verifier, 'S256'), 'S256');
    const error = await oauthFailure(
      oauth.exchangeCode({ code, redirectUri: 'https://evil.example/cb', codeVerifier: verifier }),
    );
    expect(error.kind).toBe('invalid_request');
  });

  it('refresh rotates: the new pair works, the old refresh token then fails with invalid_grant', async () => {
    const verifier = createCodeVerifier();
    const code = await authorize(codeChallengeFor(verifier, 'S256'), 'S256');
    const first = await oauth.exchangeCode({ code, redirectUri: REDIRECT_URI, codeVerifier: verifier });
    const second = await oauth.refreshToken(first.refreshToken);
    expect(second.refreshToken).not.toBe(first.refreshToken);
    expect(second.accessToken).not.toBe(first.accessToken);

    const stale = await oauthFailure(oauth.refreshToken(first.refreshToken));
    expect(stale.kind).toBe('invalid_grant');
    expect(stale.needsReauthorization).toBe(true);
    expect(stale.retryable).toBe(false);

    const third = await oauth.refreshToken(second.refreshToken);
    expect(third.refreshToken).not.toBe(second.refreshToken);
  });

  it('revoking ends the authorization: API calls get 401 and refresh gets invalid_grant', async () => {
    const { accessToken, refreshToken } = zoom.issueTokens();
    await oauth.revokeToken(accessToken);
    const api = await fetch(`${zoom.apiBaseUrl}/users/me`, {
      headers: { Authorization: `Bearer ${accessToken}` },
    });
    expect(api.status).toBe(401);
    expect(await api.json()).toEqual({ code: 124, message: 'Invalid access token.' });
    expect((await oauthFailure(oauth.refreshToken(refreshToken))).needsReauthorization).toBe(true);
  });

  it('wrong client credentials are invalid_client, not a reason to re-authorize', async () => {
    const impostor = createZoomOAuthClient({
      oauthBaseUrl: zoom.oauthBaseUrl,
      clientId: zoom.clientId,
      clientSecret: 'wrong',
    });
    const error = await oauthFailure(impostor.refreshToken(zoom.issueTokens().refreshToken));
    expect(error.kind).toBe('invalid_client');
    expect(error.needsReauthorization).toBe(false);
  });

  it('an unreachable OAuth host is a retryable unavailable error', async () => {
    const closed = await startFakeZoom();
    const url = closed.oauthBaseUrl;
    await closed.close();
    const offline = createZoomOAuthClient({
      oauthBaseUrl: url,
      clientId: 'c',
      clientSecret: 's',
      timeoutMs: 2000,
    });
    const error = await oauthFailure(offline.refreshToken('anything'));
    expect(error.kind).toBe('unavailable');
    expect(error.retryable).toBe(true);
  });
});
