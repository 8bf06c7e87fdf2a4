import { Client } from '@hubspot/api-client';
import { withDeadline } from '../deadline';
import { CrmAuthError } from '../errors';
import { readHubSpotFailure, toCrmError } from './errors';
import { trimSlash, type HubSpotApp, type HubSpotCredentials } from './settings';

/**
 * HubSpot's OAuth 2.0 authorization-code flow, through the SDK's oauth module (api-client 14 still
 * calls the v1 endpoints: POST /oauth/v1/token, GET /oauth/v1/access-tokens/:token,
 * DELETE /oauth/v1/refresh-tokens/:token). The authorize URL is built here because the SDK hard-codes
 * app.hubspot.com.
 */

const OAUTH_TIMEOUT_MS = 15_000;

export interface HubSpotTokens {
  accessToken: string;
  refreshToken: string;
  expiresAt: Date;
}

export interface HubSpotInstallation extends HubSpotCredentials {
  expiresAt: Date;
  scopes: string[];
  hubDomain?: string;
}

function oauthApi(app: HubSpotApp) {
  // No retries or limiter: the SDK's retry decorator would sleep inside our request (see client.ts).
  return new Client({ basePath: trimSlash(app.apiBaseUrl), numberOfApiCallRetries: 0 }).oauth;
}

/** Where to send the user; `state` must be checked on the way back. */
export function hubspotAuthorizeUrl(app: HubSpotApp, state: string): string {
  const query = new URLSearchParams({ client_id: app.clientId, redirect_uri: app.redirectUri, scope: app.scopes.join(' '), state });
  return `${trimSlash(app.appBaseUrl)}/oauth/authorize?${query.toString()}`;
}

function tokensFrom(response: { accessToken: string; refreshToken: string; expiresIn: number }, issuedAt: number): HubSpotTokens {
  return { accessToken: response.accessToken, refreshToken: response.refreshToken, expiresAt: new Date(issuedAt + response.expiresIn * 1000) };
}

/** A 400 from the token endpoint means the code or refresh token is no good (BAD_AUTH_CODE, BAD_REFRESH_TOKEN). */
function tokenError(error: unknown, what: string) {
  const failure = readHubSpotFailure(error);
  if (failure && failure.status >= 400 && failure.status < 500 && failure.status !== 429) {
    return new CrmAuthError(`HubSpot refused the ${what}: ${failure.message}`, { cause: error });
  }
  return toCrmError(error, what);
}

/** Exchanges the code from the redirect, then asks which portal the token belongs to. */
export async function exchangeHubSpotCode(app: HubSpotApp, code: string): Promise<HubSpotInstallation> {
  const oauth = oauthApi(app);
  const issuedAt = Date.now();
  try {
    const response = await withDeadline(
      oauth.tokensApi.create('authorization_code', code, app.redirectUri, app.clientId, app.clientSecret),
      OAUTH_TIMEOUT_MS,
      'HubSpot token exchange',
    );
    const tokens = tokensFrom(response, issuedAt);
    const info = await withDeadline(oauth.accessTokensApi.get(tokens.accessToken), OAUTH_TIMEOUT_MS, 'HubSpot token info');
    return { ...tokens, portalId: String(info.hubId), scopes: info.scopes, hubDomain: info.hubDomain };
  } catch (error) {
    throw tokenError(error, 'authorization code');
  }
}

export async function refreshHubSpotTokens(app: HubSpotApp, refreshToken: string): Promise<HubSpotTokens> {
  const issuedAt = Date.now();
  try {
    const response = await withDeadline(
      oauthApi(app).tokensApi.create('refresh_token', undefined, app.redirectUri, app.clientId, app.clientSecret, refreshToken),
      OAUTH_TIMEOUT_MS,
      'HubSpot token refresh',
    );
    return tokensFrom(response, issuedAt);
  } catch (error) {
    throw tokenError(error, 'refresh token');
  }
}

/** Deleting the refresh token uninstalls nothing but ends our access; an unknown token is already revoked. */
export async function revokeHubSpotGrant(app: HubSpotApp, refreshToken: string): Promise<void> {
  try {
    await withDeadline(oauthApi(app).refreshTokensApi.archive(refreshToken), OAUTH_TIMEOUT_MS, 'HubSpot token revoke');
  } catch (error) {
    const failure = readHubSpotFailure(error);
    if (failure && (failure.status === 400 || failure.status === 404)) return;
    throw toCrmError(error, 'revoke');
  }
}
