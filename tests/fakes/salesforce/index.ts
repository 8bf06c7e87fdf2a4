import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import express, { type ErrorRequestHandler, type RequestHandler } from 'express';
import type { RandomFailureOptions } from '../random-failures';
import { createFaultQueue, sendErrors, sendLimitExceeded, type SalesforceFault } from './faults';
import { issueTokens, oauthRouter, requireSession, revokeGrant, type FakeSalesforceApp } from './oauth';
import { restRouter } from './rest';
import { withDefaults } from './schema';
import { countRequests, createState, newRecordId, recordRequest, type FieldValue, type SalesforceState, type SObjectName } from './state';

/**
 * A fake Salesforce org on 127.0.0.1, serving both the login host (/services/oauth2) and the
 * instance (/services/data/vXX.X) for tests, the demo and the pipeline benchmark. jsforce points at it
 * with `new Connection({ instanceUrl: fake.url, oauth2: { loginUrl: fake.url, ... } })`.
 */

export type { SalesforceFault } from './faults';
export type { StoredRecord } from './state';

export interface FakeSalesforceOptions {
  app?: Partial<FakeSalesforceApp>;
  searchLagMs?: number;
  dailyApiLimit?: number;
  /** Fail this share of REST API requests (seeded) with REQUEST_LIMIT_EXCEEDED, a 5xx, or a lost answer (done, never answered); after any injected faults. */
  failures?: RandomFailureOptions;
}

export interface FakeSalesforceGrant {
  accessToken: string;
  refreshToken: string;
  instanceUrl: string;
  loginUrl: string;
}

export interface FakeSalesforce {
  url: string;
  /** Settings to hand to our Salesforce adapter/OAuth code (production and sandbox both log in here). */
  app: FakeSalesforceApp & { loginUrl: string; sandboxLoginUrl: string };
  state: SalesforceState;
  connect(): FakeSalesforceGrant;
  seed(object: SObjectName, fields: Record<string, FieldValue>): string;
  inject(fault: SalesforceFault): void;
  clearFaults(): void;
  readonly hanging: number;
  expireAccessTokens(): void;
  revokeAllGrants(): void;
  requestCount(method?: string, pathPrefix?: string): number;
  close(): Promise<void>;
}

const DEFAULT_APP: FakeSalesforceApp = {
  clientId: '3MVG9fake.salesforce.consumer.key',
  clientSecret: 'fake-salesforce-consumer-secret',
  redirectUri: 'http://127.0.0.1/oauth/salesforce/callback',
};

const API_VERSIONS = ['60.0', '61.0', '62.0', '63.0', '64.0'];

const REST_API_PATH = /^\/services\/data\/v\d+\.\d(\/|$)/;

function restApiOnly(handler: RequestHandler): RequestHandler {
  return (req, res, next) => (REST_API_PATH.test(req.path) ? handler(req, res, next) : next());
}

function dailyAllocation(state: SalesforceState, limit: number): RequestHandler {
  return (_req, res, next) => {
    if (state.apiCallsToday >= limit) return sendLimitExceeded(res);
    state.apiCallsToday += 1;
    res.setHeader('Sforce-Limit-Info', `api-usage=${state.apiCallsToday}/${limit}`);
    next();
  };
}

export async function startFakeSalesforce(options: FakeSalesforceOptions = {}): Promise<FakeSalesforce> {
  const state = createState();
  const app = { ...DEFAULT_APP, ...options.app };
  const dailyApiLimit = options.dailyApiLimit ?? 100_000;
  const faults = createFaultQueue(options.failures);
  let url = '';

  const server = express();
  server.disable('x-powered-by');
  server.use((req, res, next) => {
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
  server.use(oauthRouter(state, app, () => url));
  server.get('/services/data', (_req, res) => {
    res.json(API_VERSIONS.map((version) => ({ label: `API ${version}`, url: `/services/data/v${version}`, version })));
  });
  server.use(restApiOnly(requireSession(state)), restApiOnly(dailyAllocation(state, dailyApiLimit)));
  server.use(restRouter(state, { searchLagMs: options.searchLagMs ?? 0, dailyApiLimit }));
  server.use((_req, res) => sendErrors(res, 404, [{ errorCode: 'NOT_FOUND', message: 'The requested resource does not exist', fields: [] }]));
  const onError: ErrorRequestHandler = (error: { type?: string }, _req, res, _next) => {
    if (error.type === 'entity.parse.failed') return sendErrors(res, 400, [{ errorCode: 'JSON_PARSER_ERROR', message: 'Unexpected character in the request body.', fields: [] }]);
    sendErrors(res, 500, [{ errorCode: 'UNKNOWN_EXCEPTION', message: 'An unexpected error occurred.', fields: [] }]);
  };
  server.use(onError);

  const httpServer = createServer(server);
  await new Promise<void>((resolve) => httpServer.listen(0, '127.0.0.1', resolve));
  url = `http://127.0.0.1:${(httpServer.address() as AddressInfo).port}`;

  return {
    url,
    app: { ...app, loginUrl: url, sandboxLoginUrl: url },
    state,
    connect() {
      const tokens = issueTokens(state, url, 'api refresh_token');
      return { accessToken: tokens.access_token, refreshToken: tokens.refresh_token ?? '', instanceUrl: url, loginUrl: url };
    },
    seed(object, fields) {
      const now = new Date();
      const id = newRecordId(state, object);
      state.records[object].set(id, { Id: id, fields: withDefaults(object, fields), createdAt: now, updatedAt: now });
      return id;
    },
    inject: (fault) => faults.inject(fault),
    clearFaults: () => faults.clear(),
    get hanging() {
      return faults.hanging();
    },
    expireAccessTokens() {
      for (const grant of state.accessTokens.values()) grant.expired = true;
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
