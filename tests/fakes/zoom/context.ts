import type { FaultPlan } from './faults';
import type { FakeZoomState } from './state';

/** What the fake's route modules share. */
export interface FakeZoomContext {
  state: FakeZoomState;
  faults: FaultPlan;
  clientId: string;
  clientSecret: string;
  /** Scopes granted on authorization (the app's scopes, as Zoom grants them all). */
  scopes: string[];
  accessTokenTtlSeconds: number;
  defaultUserId: string;
  /** Origin of the fake, e.g. http://127.0.0.1:53211 (known once listening). */
  origin(): string;
  /** Origin of the fake's file storage, a second host as Zoom's download redirects go elsewhere. */
  storageOrigin(): string;
  stats: FakeZoomStats;
  latencyMs: number;
  /** Secret for the fake's signed storage URLs. */
  storageSecret: string;
}

export interface FakeZoomStats {
  /** Requests per route, keyed "METHOD /pattern". */
  calls: Map<string, number>;
  /** Every request in arrival order (path without query string). */
  requests: Array<{ method: string; path: string; status: number; accountId: string | null }>;
  /** File downloads from the fake's storage host, and whether they (wrongly) carried a bearer token. */
  storageRequests: Array<{ path: string; hadAuthorization: boolean }>;
  inFlight: number;
  maxInFlight: number;
  inFlightByAccount: Map<string, number>;
  maxInFlightByAccount: Map<string, number>;
}

export function countCall(stats: FakeZoomStats, key: string): void {
  stats.calls.set(key, (stats.calls.get(key) ?? 0) + 1);
}
