import { Connection, type HttpRequest } from 'jsforce';
import type { OnTokensRefreshed } from '../adapter';
import { CrmAuthError, type CrmError } from '../errors';
import { withReadRetries } from '../read-retries';
import { toCrmError } from './errors';
import { oauthError, refreshSalesforceToken } from './oauth';
import type { SalesforceApp, SalesforceCredentials } from './settings';

/**
 * One Salesforce connection on a jsforce Connection. jsforce refreshes the session itself on a 401
 * and replays the request; we give it our own refresh function so that (1) the new token is stored
 * (onTokensRefreshed) before it is used, which the fire-and-forget `refresh` event cannot promise,
 * and (2) a token rejected right after a refresh ends in CrmAuthError instead of a refresh loop.
 * Requests go through conn.request with jsforce's retries off (our job queue retries) and a timeout.
 */

// A second 401 this soon after a successful refresh means the new token is refused too.
const REFRESH_LOOP_WINDOW_MS = 10_000;

export interface SalesforceSessionOptions {
  app: SalesforceApp;
  credentials: SalesforceCredentials;
  requestTimeoutMs: number;
  onTokensRefreshed?: OnTokensRefreshed;
}

export interface SalesforceSession {
  instanceUrl(): string;
  send(what: string, request: HttpRequest): Promise<unknown>;
  currentRefreshToken(): string;
}

export function createSalesforceSession(options: SalesforceSessionOptions): SalesforceSession {
  const { app, credentials, requestTimeoutMs, onTokensRefreshed } = options;
  let refreshToken = credentials.refreshToken;
  let lastRefreshAt = 0;
  // jsforce reports a failed refresh as "Unable to refresh session due to: <message>"; we keep the typed cause.
  let refreshFailure: CrmError | null = null;

  const conn = new Connection({
    oauth2: {
      clientId: app.clientId,
      clientSecret: app.clientSecret,
      redirectUri: app.redirectUri,
      loginUrl: credentials.loginUrl,
    },
    instanceUrl: credentials.instanceUrl,
    accessToken: credentials.accessToken,
    refreshToken: credentials.refreshToken,
    version: app.apiVersion,
    refreshFn: (connection, callback) => {
      const refresh = async () => {
        if (Date.now() - lastRefreshAt < REFRESH_LOOP_WINDOW_MS) {
          throw new CrmAuthError('Salesforce refused a freshly refreshed session; reconnect Salesforce.');
        }
        const token = await refreshSalesforceToken(app, credentials.loginUrl, refreshToken);
        await onTokensRefreshed?.({
          accessToken: token.access_token,
          refreshToken: token.refresh_token,
          instanceUrl: token.instance_url,
        });
        lastRefreshAt = Date.now();
        connection.instanceUrl = token.instance_url;
        // Only orgs with refresh-token rotation send a new one.
        if (token.refresh_token) refreshToken = token.refresh_token;
        refreshFailure = null;
        return token;
      };
      refresh().then(
        (token) => {
          callback(null, token.access_token);
        },
        (error: unknown) => {
          refreshFailure = oauthError(error, 'token refresh');
          callback(refreshFailure);
        },
      );
    },
  });

  const requestOptions = { retry: { maxRetries: 0, methods: [] }, timeout: requestTimeoutMs };

  return {
    instanceUrl: () => conn.instanceUrl,
    currentRefreshToken: () => refreshToken,
    async send(what, request) {
      const once = async () => {
        try {
          return await conn.request<unknown>(request, requestOptions);
        } catch (error) {
          if (
            refreshFailure &&
            error instanceof Error &&
            error.message.startsWith('Unable to refresh session')
          )
            throw refreshFailure;
          throw toCrmError(error, what);
        }
      };
      return request.method === 'GET' ? withReadRetries(once) : once();
    },
  };
}

export function jsonRequest(method: 'POST' | 'PATCH', url: string, body: object): HttpRequest {
  return { method, url, body: JSON.stringify(body), headers: { 'content-type': 'application/json' } };
}
