import { createHash, randomBytes } from 'node:crypto';
import { OAuth2 } from 'jsforce';
import { z } from 'zod';
import { withDeadline } from '../deadline';
import { CrmAuthError, CrmError, CrmRateLimitedError, CrmUnavailableError } from '../errors';
import { loginUrlFor, type SalesforceApp, type SalesforceCredentials, type SalesforceEnvironment } from './settings';

/**
 * Salesforce's OAuth 2.0 web-server flow through jsforce's OAuth2 (authorize, token and revoke under
 * {loginUrl}/services/oauth2/). PKCE is supported because External Client Apps for partners require it:
 * the caller keeps the verifier in the user's session between redirect and callback.
 */

const OAUTH_TIMEOUT_MS = 15_000;

const tokenResponseSchema = z.object({
  access_token: z.string().min(1),
  refresh_token: z.string().min(1).optional(),
  instance_url: z.string().url(),
  /** https://login.salesforce.com/id/<orgId>/<userId> */
  id: z.string().url(),
});

export type SalesforceTokenResponse = z.infer<typeof tokenResponseSchema>;

function oauthClient(app: SalesforceApp, loginUrl: string): OAuth2 {
  return new OAuth2({ clientId: app.clientId, clientSecret: app.clientSecret, redirectUri: app.redirectUri, loginUrl });
}

export function createPkcePair(): { verifier: string; challenge: string } {
  const verifier = randomBytes(64).toString('base64url');
  return { verifier, challenge: createHash('sha256').update(verifier).digest('base64url') };
}

export function salesforceAuthorizeUrl(
  app: SalesforceApp,
  request: { environment: SalesforceEnvironment; state: string; codeChallenge?: string },
): string {
  const params: Record<string, string> = { scope: app.scopes.join(' '), state: request.state };
  if (request.codeChallenge) params.code_challenge = request.codeChallenge;
  return oauthClient(app, loginUrlFor(app, request.environment)).getAuthorizationUrl(params);
}

/** jsforce names token-endpoint errors after the OAuth `error` (invalid_grant...) or ERROR_HTTP_<status>. */
export function oauthError(error: unknown, what: string): CrmError {
  if (error instanceof CrmError) return error;
  const name = error instanceof Error ? error.name : '';
  const description = error instanceof Error ? error.message : String(error);
  if (name === 'ERROR_HTTP_429') return new CrmRateLimitedError(60, 'Salesforce is limiting sign-in requests.');
  const refusedByTokenEndpoint = /^[a-z_]+$/.test(name) || /^ERROR_HTTP_4\d\d$/.test(name);
  if (!refusedByTokenEndpoint) return new CrmUnavailableError(`Salesforce could not complete the ${what}.`, { cause: error });
  return new CrmAuthError(`Salesforce refused the ${what}: ${description}`, { cause: error });
}

function identity(idUrl: string): { organizationId?: string; userId?: string } {
  const [organizationId, userId] = new URL(idUrl).pathname.split('/').slice(-2);
  return { organizationId, userId };
}

export async function exchangeSalesforceCode(
  app: SalesforceApp,
  request: { environment: SalesforceEnvironment; code: string; codeVerifier?: string },
): Promise<SalesforceCredentials> {
  const loginUrl = loginUrlFor(app, request.environment);
  const extra: Record<string, string> = request.codeVerifier ? { code_verifier: request.codeVerifier } : {};
  try {
    const raw = await withDeadline(oauthClient(app, loginUrl).requestToken(request.code, extra), OAUTH_TIMEOUT_MS, 'Salesforce token exchange');
    const token = tokenResponseSchema.parse(raw);
    if (!token.refresh_token) throw new CrmAuthError('Salesforce granted no refresh token; the app needs the refresh_token scope.');
    return { accessToken: token.access_token, refreshToken: token.refresh_token, instanceUrl: token.instance_url, loginUrl, ...identity(token.id) };
  } catch (error) {
    throw oauthError(error, 'authorization code');
  }
}

export async function refreshSalesforceToken(app: SalesforceApp, loginUrl: string, refreshToken: string): Promise<SalesforceTokenResponse> {
  try {
    const raw = await withDeadline(oauthClient(app, loginUrl).refreshToken(refreshToken), OAUTH_TIMEOUT_MS, 'Salesforce token refresh');
    return tokenResponseSchema.parse(raw);
  } catch (error) {
    throw oauthError(error, 'token refresh');
  }
}

/** Revoking the refresh token also ends its access tokens; a token Salesforce no longer knows is already revoked. */
export async function revokeSalesforceGrant(app: SalesforceApp, loginUrl: string, refreshToken: string): Promise<void> {
  try {
    await withDeadline(oauthClient(app, loginUrl).revokeToken(refreshToken), OAUTH_TIMEOUT_MS, 'Salesforce token revoke');
  } catch (error) {
    const mapped = oauthError(error, 'revoke');
    if (mapped instanceof CrmAuthError) return;
    throw mapped;
  }
}
