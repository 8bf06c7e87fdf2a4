import { Client } from '@hubspot/api-client';
import type { OnTokensRefreshed } from '../adapter';
import { withDeadline } from '../deadline';
import { CrmUnavailableError } from '../errors';
import { withReadRetries } from '../read-retries';
import { readHubSpotFailure, toCrmError } from './errors';
import { refreshHubSpotTokens, type HubSpotTokens } from './oauth';
import type { HubSpotLane, HubSpotRateLimits } from './rate-limits';
import { trimSlash, type HubSpotApp, type HubSpotCredentials } from './settings';

/**
 * One HubSpot connection: the SDK client for the current token, the per-portal rate limit, a
 * deadline on every request, and token refresh (early when the token is about to expire, once more
 * on a 401). Every SDK call in hubspot/ goes through `run`, which is also where SDK errors become ours.
 */

// HubSpot says a 401 is not a reliable signal to refresh, so tokens are refreshed this long before they expire.
const REFRESH_EARLY_MS = 5 * 60_000;

function createApis(accessToken: string, apiBaseUrl: string) {
  // numberOfApiCallRetries 0 and no limiterOptions leave the SDK undecorated: retries belong to our job
  // queue (the SDK's would sleep up to a minute inside a request), rate limits to rate-limits.ts.
  const client = new Client({ accessToken, basePath: trimSlash(apiBaseUrl), numberOfApiCallRetries: 0 });
  // Taken now, not lazily: the SDK applies decorators from a process-wide singleton on first access,
  // and any later `new Client(...)` elsewhere would change what we get.
  return {
    contacts: client.crm.contacts.basicApi,
    contactSearch: client.crm.contacts.searchApi,
    calls: client.crm.objects.calls.basicApi,
    callSearch: client.crm.objects.calls.searchApi,
    associations: client.crm.associations.v4.basicApi,
  };
}

export type HubSpotApis = ReturnType<typeof createApis>;

export interface HubSpotSessionOptions {
  app: HubSpotApp;
  credentials: HubSpotCredentials;
  limits: HubSpotRateLimits;
  requestTimeoutMs: number;
  onTokensRefreshed?: OnTokensRefreshed;
}

export interface HubSpotSession {
  readonly app: HubSpotApp;
  readonly portalId: string;
  run<T>(what: string, lane: HubSpotLane, call: (apis: HubSpotApis) => Promise<T>): Promise<T>;
  currentRefreshToken(): string;
}

export function createHubSpotSession(options: HubSpotSessionOptions): HubSpotSession {
  const { app, credentials, limits, requestTimeoutMs, onTokensRefreshed } = options;
  let tokens: { accessToken: string; refreshToken: string; expiresAt?: Date } = { ...credentials };
  let apis = createApis(tokens.accessToken, app.apiBaseUrl);
  let refreshing: Promise<void> | null = null;

  async function adopt(next: HubSpotTokens): Promise<void> {
    // Stored before use, so other workers load this token rather than refreshing yet again.
    try {
      await onTokensRefreshed?.({
        accessToken: next.accessToken,
        refreshToken: next.refreshToken,
        expiresAt: next.expiresAt,
      });
    } catch (error) {
      throw new CrmUnavailableError('Could not store the refreshed HubSpot tokens.', { cause: error });
    }
    tokens = next;
    apis = createApis(next.accessToken, app.apiBaseUrl);
  }

  /** Refreshes unless another call already replaced `staleToken`; concurrent callers share one refresh. */
  function refresh(staleToken: string): Promise<void> {
    if (tokens.accessToken !== staleToken) return Promise.resolve();
    refreshing ??= refreshHubSpotTokens(app, tokens.refreshToken)
      .then(adopt)
      .finally(() => {
        refreshing = null;
      });
    return refreshing;
  }

  const expiresSoon = () =>
    tokens.expiresAt !== undefined && tokens.expiresAt.getTime() - Date.now() < REFRESH_EARLY_MS;

  return {
    app,
    portalId: credentials.portalId,
    currentRefreshToken: () => tokens.refreshToken,
    async run(what, lane, call) {
      // Searches and reads are safe to repeat; creates and updates are not (see withReadRetries).
      const isRead = lane === 'search' || what.startsWith('read ');
      return isRead ? withReadRetries(() => runOnce(what, lane, call)) : runOnce(what, lane, call);
    },
  };

  async function runOnce<T>(
    what: string,
    lane: HubSpotLane,
    call: (current: HubSpotApis) => Promise<T>,
  ): Promise<T> {
    // `apis` is read when the request starts, so a retry after a refresh uses the new token.
    const send = () =>
      limits[lane].run(credentials.portalId, () =>
        withDeadline(call(apis), requestTimeoutMs, `HubSpot ${what}`),
      );
    if (expiresSoon()) await refresh(tokens.accessToken);
    const tokenUsed = tokens.accessToken;
    try {
      return await send();
    } catch (error) {
      if (readHubSpotFailure(error)?.status !== 401) throw toCrmError(error, what);
    }
    await refresh(tokenUsed);
    try {
      return await send();
    } catch (error) {
      throw toCrmError(error, what);
    }
  }
}
