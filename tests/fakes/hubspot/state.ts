import { randomBytes } from 'node:crypto';

/** The fake's in-memory HubSpot: CRM records, associations and OAuth grants, open for tests to read. */

export type ObjectType = 'contacts' | 'calls';

export interface StoredObject {
  id: string;
  type: ObjectType;
  properties: Record<string, string>;
  /** Values HubSpot derives from `properties` (searchable phone digits), kept current on every write. */
  derived: Record<string, string>;
  createdAt: Date;
  updatedAt: Date;
}

export interface StoredAssociation {
  fromType: ObjectType;
  fromId: string;
  toType: ObjectType;
  toId: string;
  category: string;
  typeId: number;
}

export interface AccessGrant {
  portalId: string;
  expiresAt: number;
  refreshToken: string;
}

export interface RefreshGrant {
  portalId: string;
  revoked: boolean;
  scopes: string[];
}

export interface HubSpotState {
  objects: Record<ObjectType, Map<string, StoredObject>>;
  associations: StoredAssociation[];
  accessTokens: Map<string, AccessGrant>;
  refreshTokens: Map<string, RefreshGrant>;
  authCodes: Map<string, { portalId: string; redirectUri: string; scopes: string[] }>;
  /** The most recent requests, in order, as answered (status 0: never answered). */
  requests: Array<{ method: string; path: string; status: number }>;
  /** How many requests each "METHOD /path" received, over the fake's whole life. */
  requestCounts: Map<string, number>;
  nextId: number;
}

export function createState(): HubSpotState {
  return {
    objects: { contacts: new Map(), calls: new Map() },
    associations: [],
    accessTokens: new Map(),
    refreshTokens: new Map(),
    authCodes: new Map(),
    requests: [],
    requestCounts: new Map(),
    nextId: 1001,
  };
}

/** HubSpot tokens are opaque strings; these look similar ("CN..." for access, uuid-like for refresh). */
export function newToken(prefix: string): string {
  return `${prefix}${randomBytes(24).toString('base64url')}`;
}

export function nextObjectId(state: HubSpotState): string {
  state.nextId += 1;
  return String(state.nextId);
}

export function associationsOf(state: HubSpotState, fromType: ObjectType, fromId: string, toType: ObjectType): StoredAssociation[] {
  return state.associations.filter((a) => a.fromType === fromType && a.fromId === fromId && a.toType === toType);
}

// Long benchmark runs keep only the recent log; the counts stay exact.
const REQUEST_LOG_LIMIT = 5_000;

export function recordRequest(state: HubSpotState, method: string, path: string, status: number): void {
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
