import { createHash, randomBytes } from 'node:crypto';
import { z } from 'zod';
import { systemClock, type Clock } from '../clock';
import { ZoomOAuthError, type ZoomOAuthErrorKind } from './errors';

/**
 * Zoom OAuth (authorization code + PKCE) against https://zoom.us/oauth. The web flow uses S256; the
 * in-client flow (zoomSdk.authorize) only supports the "plain" method, so its challenge is the verifier.
 */

export type PkceMethod = 'S256' | 'plain';

/** RFC 7636: 43–128 characters from the unreserved set. */
const VERIFIER_PATTERN = /^[A-Za-z0-9\-._~]{43,128}$/;

export function createCodeVerifier(): string {
  return randomBytes(48).toString('base64url');
}

export function codeChallengeFor(verifier: string, method: PkceMethod): string {
  if (!VERIFIER_PATTERN.test(verifier))
    throw new Error('A PKCE code verifier must be 43–128 unreserved characters.');
  return method === 'plain' ? verifier : createHash('sha256').update(verifier, 'ascii').digest('base64url');
}

/** An unguessable value for `state`, bound to the session by the caller. */
export function createOAuthState(): string {
  return randomBytes(24).toString('base64url');
}

export interface AuthorizeUrlInput {
  oauthBaseUrl: string;
  clientId: string;
  redirectUri: string;
  state: string;
  codeChallenge: string;
  method: PkceMethod;
}

export function authorizeUrl(input: AuthorizeUrlInput): string {
  const url = new URL('/oauth/authorize', input.oauthBaseUrl);
  url.searchParams.set('response_type', 'code');
  url.searchParams.set('client_id', input.clientId);
  url.searchParams.set('redirect_uri', input.redirectUri);
  url.searchParams.set('state', input.state);
  url.searchParams.set('code_challenge', input.codeChallenge);
  url.searchParams.set('code_challenge_method', input.method);
  return url.toString();
}

const tokenResponseSchema = z.looseObject({
  access_token: z.string().min(1),
  token_type: z.string().min(1),
  refresh_token: z.string().min(1),
  expires_in: z.number().int().positive(),
  scope: z.string().default(''),
  /** The regional API host for this account, when Zoom says so. */
  api_url: z.string().url().optional(),
});

const errorResponseSchema = z.looseObject({
  error: z.string().optional(),
  reason: z.string().optional(),
  error_description: z.string().optional(),
});

export interface ZoomTokens {
  accessToken: string;
  refreshToken: string;
  tokenType: string;
  expiresInSeconds: number;
  expiresAt: Date;
  scopes: string[];
  apiUrl?: string;
}

export interface ZoomOAuthClient {
  exchangeCode(input: { code: string; redirectUri: string; codeVerifier: string }): Promise<ZoomTokens>;
  /**
   * Zoom rotates refresh tokens: the one passed in is dead once this resolves, so store the new pair
   * before using the new access token. Not retried here: a lost response after a successful rotation
   * would make a retry fail with invalid_grant.
   */
  refreshToken(refreshToken: string): Promise<ZoomTokens>;
  revokeToken(token: string): Promise<void>;
}

export interface ZoomOAuthOptions {
  oauthBaseUrl: string;
  clientId: string;
  clientSecret: string;
  timeoutMs?: number;
  clock?: Clock;
  fetch?: typeof fetch;
}

export function createZoomOAuthClient(options: ZoomOAuthOptions): ZoomOAuthClient {
  const clock = options.clock ?? systemClock;
  const doFetch = options.fetch ?? fetch;
  const timeoutMs = options.timeoutMs ?? 15_000;
  const basic = Buffer.from(`${options.clientId}:${options.clientSecret}`, 'utf8').toString('base64');

  async function post(path: string, form: Record<string, string>): Promise<unknown> {
    let response: Response;
    let text: string;
    try {
      response = await doFetch(new URL(path, options.oauthBaseUrl), {
        method: 'POST',
        headers: {
          Authorization: `Basic ${basic}`,
          'Content-Type': 'application/x-www-form-urlencoded',
          Accept: 'application/json',
        },
        body: new URLSearchParams(form).toString(),
        redirect: 'error',
        signal: AbortSignal.timeout(timeoutMs),
      });
      text = await response.text();
    } catch (error) {
      throw new ZoomOAuthError('unavailable', `Zoom OAuth could not be reached (${path}).`, undefined, {
        cause: error,
      });
    }
    const json = parseJson(text);
    if (response.ok) return json;
    if (response.status >= 500)
      throw new ZoomOAuthError(
        'unavailable',
        `Zoom OAuth answered ${response.status} (${path}).`,
        response.status,
      );
    const error = errorResponseSchema.safeParse(json);
    const code = error.success ? error.data.error : undefined;
    const reason = error.success ? (error.data.reason ?? error.data.error_description) : undefined;
    throw new ZoomOAuthError(
      kindOf(code),
      `Zoom OAuth refused the request: ${code ?? response.status}${reason ? ` (${reason})` : ''}.`,
      response.status,
    );
  }

  async function tokens(form: Record<string, string>): Promise<ZoomTokens> {
    const parsed = tokenResponseSchema.safeParse(await post('/oauth/token', form));
    if (!parsed.success)
      throw new ZoomOAuthError(
        'unexpected_response',
        'Zoom OAuth returned a token response we could not read.',
      );
    const data = parsed.data;
    return {
      accessToken: data.access_token,
      refreshToken: data.refresh_token,
      tokenType: data.token_type,
      expiresInSeconds: data.expires_in,
      expiresAt: new Date(clock.now().getTime() + data.expires_in * 1000),
      scopes: data.scope.split(/[\s,]+/).filter(Boolean),
      apiUrl: data.api_url,
    };
  }

  return {
    exchangeCode: ({ code, redirectUri, codeVerifier }) =>
      tokens({
        grant_type: 'authorization_code',
        code,
        redirect_uri: redirectUri,
        code_verifier: codeVerifier,
      }),
    refreshToken: (refreshToken) => tokens({ grant_type: 'refresh_token', refresh_token: refreshToken }),
    revokeToken: async (token) => {
      await post('/oauth/revoke', { token });
    },
  };
}

function kindOf(code: string | undefined): ZoomOAuthErrorKind {
  if (code === 'invalid_grant' || code === 'invalid_request' || code === 'invalid_client') return code;
  return 'unexpected_response';
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}
