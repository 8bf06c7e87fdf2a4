import { randomBytes } from 'node:crypto';

/** The fake org's in-memory data: records by object, OAuth grants, and a log of requests. */

export type SObjectName = 'Contact' | 'Lead' | 'Task' | 'Account';

export type FieldValue = string | number | boolean | null;

export interface StoredRecord {
  Id: string;
  fields: Record<string, FieldValue>;
  createdAt: Date;
  updatedAt: Date;
}

export interface AccessGrant {
  refreshToken: string;
  expired: boolean;
}

export interface SalesforceState {
  records: Record<SObjectName, Map<string, StoredRecord>>;
  accessTokens: Map<string, AccessGrant>;
  refreshTokens: Map<string, { revoked: boolean; scope: string }>;
  authCodes: Map<string, { redirectUri: string; scope: string; codeChallenge?: string }>;
  /** The most recent requests, in order, as answered (status 0: never answered). */
  requests: Array<{ method: string; path: string; status: number }>;
  /** How many requests each "METHOD /path" received, over the fake's whole life. */
  requestCounts: Map<string, number>;
  apiCallsToday: number;
  nextId: number;
}

// Salesforce ids start with a per-object key prefix.
const KEY_PREFIX: Record<SObjectName, string> = { Contact: '003', Lead: '00Q', Task: '00T', Account: '001' };

export const ORG_ID = '00D5g00000FAKEOEAQ';
export const USER_ID = '0055g00000FAKEUAAY';

export function createState(): SalesforceState {
  return {
    records: { Contact: new Map(), Lead: new Map(), Task: new Map(), Account: new Map() },
    accessTokens: new Map(),
    refreshTokens: new Map(),
    authCodes: new Map(),
    requests: [],
    requestCounts: new Map(),
    apiCallsToday: 0,
    nextId: 1,
  };
}

export function newRecordId(state: SalesforceState, object: SObjectName): string {
  state.nextId += 1;
  return `${KEY_PREFIX[object]}5g${String(state.nextId).padStart(10, '0')}AAA`;
}

export function objectOfId(id: string): SObjectName | undefined {
  return (Object.keys(KEY_PREFIX) as SObjectName[]).find((object) => id.startsWith(KEY_PREFIX[object]));
}

/** Salesforce access tokens look like "<orgId>!<opaque>". */
export function newAccessToken(): string {
  return `${ORG_ID}!${randomBytes(36).toString('base64url')}`;
}

export function newRefreshToken(): string {
  return `5Aep${randomBytes(40).toString('base64url')}`;
}

// Long benchmark runs keep only the recent log; the counts stay exact.
const REQUEST_LOG_LIMIT = 5_000;

export function recordRequest(state: SalesforceState, method: string, path: string, status: number): void {
  state.requests.push({ method, path, status });
  if (state.requests.length > REQUEST_LOG_LIMIT) state.requests.splice(0, state.requests.length - REQUEST_LOG_LIMIT);
  const key = `${method} ${path}`;
  state.requestCounts.set(key, (state.requestCounts.get(key) ?? 0) + 1);
}

export function countRequests(counts: Map<string, number>, method?: string, pathPrefix?: string): number {
  let total = 0;
  for (const [key, count] of counts) {
    const [keyMethod = '', keyPath = ''] = key.split(' ');
    if ((!method || keyMethod === method) && (!pathPrefix || keyPath.startsWith(pathPrefix))) total += count;
  }
  return total;
}
