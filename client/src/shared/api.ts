import type { ApiError, SessionInfo } from '../../../server/contract/api';

let csrfToken = '';

export class ApiRequestError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

/** fetch for our API: JSON in and out, the CSRF token on every change, errors as ApiRequestError. */
export async function api<T>(path: string, init: { method?: string; body?: unknown; signal?: AbortSignal } = {}): Promise<T> {
  try {
    return await send<T>(path, init);
  } catch (error) {
    // The token is stale when the session changed under us: two first requests raced to create it, it
    // expired, or another tab signed in. Re-read it once; a cross-site page could not do this read.
    if (!(error instanceof ApiRequestError) || error.code !== 'csrf' || (init.method ?? 'GET') === 'GET') throw error;
    await loadSession();
    return send<T>(path, init);
  }
}

async function send<T>(path: string, init: { method?: string; body?: unknown; signal?: AbortSignal }): Promise<T> {
  const method = init.method ?? 'GET';
  const response = await fetch(path, {
    method,
    credentials: 'same-origin',
    signal: init.signal,
    headers: {
      Accept: 'application/json',
      ...(init.body !== undefined ? { 'Content-Type': 'application/json' } : {}),
      ...(method !== 'GET' ? { 'X-CSRF-Token': csrfToken } : {}),
    },
    body: init.body !== undefined ? JSON.stringify(init.body) : undefined,
  });
  if (response.status === 204) return undefined as T;
  // Only an error's body may be missing or not JSON; a success whose body cannot be read (the request
  // was aborted mid-body by navigating away) must fail, not resolve as null.
  const payload: unknown = response.ok ? await response.json() : await response.json().catch(() => null);
  if (!response.ok) {
    const error = (payload as ApiError | null)?.error;
    throw new ApiRequestError(response.status, error?.code ?? 'error', error?.message ?? `Request failed (${response.status})`);
  }
  return payload as T;
}

let sessionInFlight: Promise<SessionInfo> | null = null;

/**
 * Reads /api/session and keeps its CSRF token. Concurrent callers share one request: for a visitor
 * without a cookie, two parallel first requests would each create a session, and the token kept could
 * belong to the one whose cookie the browser dropped.
 */
export function loadSession(): Promise<SessionInfo> {
  sessionInFlight ??= send<SessionInfo>('/api/session', {})
    .then((session) => {
      csrfToken = session.csrfToken;
      return session;
    })
    .finally(() => {
      sessionInFlight = null;
    });
  return sessionInFlight;
}

export function setCsrfToken(token: string): void {
  csrfToken = token;
}
