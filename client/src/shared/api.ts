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
  const payload: unknown = await response.json().catch(() => null);
  if (!response.ok) {
    const error = (payload as ApiError | null)?.error;
    throw new ApiRequestError(response.status, error?.code ?? 'error', error?.message ?? `Request failed (${response.status})`);
  }
  return payload as T;
}

export async function loadSession(): Promise<SessionInfo> {
  const session = await api<SessionInfo>('/api/session');
  csrfToken = session.csrfToken;
  return session;
}

export function setCsrfToken(token: string): void {
  csrfToken = token;
}
