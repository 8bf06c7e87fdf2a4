import type { ApiError } from '../../../../server/contract/api';
import { ApiRequestError, setCsrfToken } from '../../shared/api';

/**
 * The panel's fetch: the shared api() contract (JSON, CSRF token on changes, ApiRequestError) plus
 * the X-Zoom-App-Context header on every call, which binds the request to the Zoom user. The shared
 * api() takes no extra headers, hence this small sibling.
 */

export interface PanelRequestInit {
  method?: string;
  body?: unknown;
  signal?: AbortSignal;
}

export type PanelRequest = <T>(path: string, init?: PanelRequestInit) => Promise<T>;

export interface AppContextSource {
  /** The current X-Zoom-App-Context value (cached briefly: each one is only valid for minutes). */
  get(): Promise<string | null>;
  /** Forget the cached value: the server refused it. */
  invalidate(): void;
}

const APP_CONTEXT_TTL_MS = 60_000;

let csrfToken = '';

export function setPanelCsrfToken(token: string): void {
  csrfToken = token;
  setCsrfToken(token);
}

export function cachedAppContext(
  read: () => Promise<string>,
  now: () => number = Date.now,
): AppContextSource {
  let cached: { value: Promise<string | null>; at: number } | null = null;
  return {
    get() {
      if (!cached || now() - cached.at > APP_CONTEXT_TTL_MS) {
        const value = read().catch(() => null);
        cached = { value, at: now() };
      }
      return cached.value;
    },
    invalidate() {
      cached = null;
    },
  };
}

async function send(path: string, init: PanelRequestInit, appContext: string | null): Promise<Response> {
  const method = init.method ?? 'GET';
  return fetch(path, {
    method,
    credentials: 'same-origin',
    signal: init.signal,
    headers: {
      Accept: 'application/json',
      ...(appContext ? { 'X-Zoom-App-Context': appContext } : {}),
      ...(init.body !== undefined ? { 'Content-Type': 'application/json' } : {}),
      ...(method !== 'GET' ? { 'X-CSRF-Token': csrfToken } : {}),
    },
    body: init.body !== undefined ? JSON.stringify(init.body) : undefined,
  });
}

export function createPanelRequest(
  appContext: AppContextSource,
  onUnauthorized: () => void = () => undefined,
): PanelRequest {
  return async <T>(path: string, init: PanelRequestInit = {}): Promise<T> => {
    let response = await send(path, init, await appContext.get());
    if (response.status === 401) {
      // A stale app context is refused like a missing session; try once with a fresh one.
      appContext.invalidate();
      response = await send(path, init, await appContext.get());
      if (response.status === 401) onUnauthorized();
    }
    if (response.status === 204) return undefined as T;
    const payload: unknown = await response.json().catch(() => null);
    if (!response.ok) {
      const error = (payload as ApiError | null)?.error;
      throw new ApiRequestError(
        response.status,
        error?.code ?? 'error',
        error?.message ?? `Request failed (${response.status})`,
      );
    }
    return payload as T;
  };
}
