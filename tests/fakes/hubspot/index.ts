import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import express, { type ErrorRequestHandler } from 'express';
import type { CountryCode } from 'libphonenumber-js';
import type { RandomFailureOptions } from '../random-failures';
import { sendError } from './errors';
import { createFaultQueue, type HubSpotFault } from './faults';
import { issueTokens, oauthRouter, requireAccessToken, revokeGrant, type FakeHubSpotApp } from './oauth';
import { objectsRouter } from './objects';
import { rateLimiter, type RateLimitSettings } from './rate-limit';
import { derivedProperties } from './properties';
import { associationsOf, countRequests, createState, nextObjectId, recordRequest, type HubSpotState, type StoredObject } from './state';

/**
 * A fake HubSpot on 127.0.0.1 for tests, the demo and the pipeline benchmark: the paths
 * @hubspot/api-client 14 calls, HubSpot's status codes and error bodies, per-portal burst limits,
 * OAuth, and faults on demand. Point the SDK at it with `new Client({ basePath: fake.url })`.
 */

export type { HubSpotFault } from './faults';
export type { StoredObject } from './state';

export interface FakeHubSpotOptions {
  portalId?: string;
  app?: Partial<FakeHubSpotApp>;
  /** HubSpot issues 30-minute access tokens. */
  accessTokenTtlSeconds?: number;
  limits?: Partial<RateLimitSettings>;
  /** Region used to derive the searchable phone digits from stored numbers. */
  defaultCountry?: CountryCode;
  searchLagMs?: number;
  /** Fail this share of CRM API requests (seeded) with a 429, a 5xx, or a lost answer (done, never answered); after any injected faults. */
  failures?: RandomFailureOptions;
}

export interface FakeHubSpotGrant {
  accessToken: string;
  refreshToken: string;
  expiresAt: Date;
  portalId: string;
}

export interface FakeHubSpot {
  url: string;
  portalId: string;
  /** Settings to hand to our HubSpot adapter/OAuth code. */
  app: FakeHubSpotApp & { apiBaseUrl: string; appBaseUrl: string };
  state: HubSpotState;
  /** An installed app without the browser round trip. */
  connect(): FakeHubSpotGrant;
  seedContact(properties: Record<string, string>): string;
  callsAssociatedWith(contactId: string): StoredObject[];
  inject(fault: HubSpotFault): void;
  clearFaults(): void;
  readonly hanging: number;
  expireAccessTokens(): void;
  /** As if the user uninstalled the app in HubSpot. */
  revokeAllGrants(): void;
  requestCount(method?: string, pathPrefix?: string): number;
  close(): Promise<void>;
}

const DEFAULT_APP: FakeHubSpotApp = {
  clientId: 'fake-hubspot-client-id',
  clientSecret: 'fake-hubspot-client-secret',
  redirectUri: 'http://127.0.0.1/oauth/hubspot/callback',
  scopes: ['oauth', 'crm.objects.contacts.read', 'crm.objects.contacts.write'],
};

export async function startFakeHubSpot(options: FakeHubSpotOptions = {}): Promise<FakeHubSpot> {
  const state = createState();
  const portalId = options.portalId ?? '62515';
  const app = { ...DEFAULT_APP, ...options.app };
  const accessTokenTtlSeconds = options.accessTokenTtlSeconds ?? 1800;
  const defaultCountry = options.defaultCountry ?? 'US';
  const faults = createFaultQueue((authorization) => {
    const token = authorization?.replace(/^Bearer /, '') ?? '';
    return state.accessTokens.get(token)?.portalId ?? portalId;
  }, options.failures);

  const server = express();
  server.disable('x-powered-by');
  server.use((req, res, next) => {
    // Logged when answered (status 0: never answered), before the client can read the response.
    const { method, path } = req;
    const log = (status: number) => recordRequest(state, method, path, status);
    res.on('finish', () => log(res.statusCode));
    res.on('close', () => {
      if (!res.writableFinished) log(0);
    });
    next();
  });
  server.use(express.json({ limit: '5mb' }));
  server.use(faults.middleware);
  server.use(oauthRouter(state, { app, portalId, accessTokenTtlSeconds }));
  server.use(['/crm'], requireAccessToken(state), rateLimiter({ per10Seconds: 110, searchPerSecond: 5, ...options.limits }));
  server.use(objectsRouter(state, { defaultCountry, searchLagMs: options.searchLagMs ?? 0 }));
  server.use((req, res) => sendError(res, 404, 'OBJECT_NOT_FOUND', `No route for ${req.method} ${req.path}`));
  const onError: ErrorRequestHandler = (error: { type?: string }, _req, res, _next) => {
    if (error.type === 'entity.parse.failed') return sendError(res, 400, 'VALIDATION_ERROR', 'Invalid input JSON: the body is not valid JSON.');
    sendError(res, 500, 'VALIDATION_ERROR', 'internal error');
  };
  server.use(onError);

  const httpServer = createServer(server);
  await new Promise<void>((resolve) => httpServer.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(httpServer.address() as AddressInfo).port}`;

  return {
    url,
    portalId,
    app: { ...app, apiBaseUrl: url, appBaseUrl: url },
    state,
    connect() {
      const tokens = issueTokens(state, portalId, app.scopes, accessTokenTtlSeconds);
      return { accessToken: tokens.access_token, refreshToken: tokens.refresh_token, expiresAt: new Date(Date.now() + accessTokenTtlSeconds * 1000), portalId };
    },
    seedContact(properties) {
      const now = new Date();
      const id = nextObjectId(state);
      const derived = derivedProperties('contacts', properties, defaultCountry);
      state.objects.contacts.set(id, { id, type: 'contacts', properties: { ...properties }, derived, createdAt: now, updatedAt: now });
      return id;
    },
    callsAssociatedWith(contactId) {
      return [...state.objects.calls.values()].filter((call) => associationsOf(state, 'calls', call.id, 'contacts').some((a) => a.toId === contactId));
    },
    inject: (fault) => faults.inject(fault),
    clearFaults: () => faults.clear(),
    get hanging() {
      return faults.hanging;
    },
    expireAccessTokens() {
      for (const grant of state.accessTokens.values()) grant.expiresAt = Date.now() - 1000;
    },
    revokeAllGrants() {
      for (const token of [...state.refreshTokens.keys()]) revokeGrant(state, token);
    },
    requestCount: (method, pathPrefix) => countRequests(state.requestCounts, method, pathPrefix),
    async close() {
      httpServer.closeAllConnections();
      await new Promise<void>((resolve, reject) => httpServer.close((error) => (error ? reject(error) : resolve())));
    },
  };
}
