import { cleanup, configure, render, type RenderResult } from '@testing-library/react';
import { useEffect, type ReactNode } from 'react';
import { MemoryRouter, useLocation } from 'react-router';
import { afterEach, vi } from 'vitest';
import type { Role, SessionInfo } from '../../../../server/contract/api';
import { AppRoutes } from '../App';
import { SessionProvider } from '../session/session-context';
import { ToastProvider } from '../ui/Toast';

/**
 * Component-test plumbing: a tiny fetch stub standing in for the API (end-to-end tests use the real
 * server) and the app's providers around a memory router.
 */

// The first render of a file pays for module loading; two cores are shared by several test runs.
configure({ asyncUtilTimeout: 5000 });

afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
});

export interface StubRequest {
  method: string;
  path: string;
  query: URLSearchParams;
  body: unknown;
}

export type StubAnswer = { status?: number; body?: unknown } | undefined;
export type StubHandler = (request: StubRequest) => StubAnswer | Promise<StubAnswer>;

/** Answers `fetch` from handlers keyed "METHOD /path"; records every request; unknown routes get a 404. */
export function stubApi(handlers: Record<string, unknown>): { requests: StubRequest[] } {
  const requests: StubRequest[] = [];
  const fetchStub = async (input: RequestInfo | URL, init: RequestInit = {}): Promise<Response> => {
    const url = new URL(typeof input === 'string' ? input : input instanceof URL ? input.href : input.url, 'http://localhost');
    const method = (init.method ?? 'GET').toUpperCase();
    const request: StubRequest = {
      method,
      path: url.pathname,
      query: url.searchParams,
      body: typeof init.body === 'string' ? (JSON.parse(init.body) as unknown) : undefined,
    };
    requests.push(request);
    const handler = handlers[`${method} ${url.pathname}`];
    const answer: StubAnswer =
      handler === undefined
        ? { status: 404, body: { error: { code: 'not_found', message: `No route for ${method} ${url.pathname}` } } }
        : typeof handler === 'function'
          ? await (handler as StubHandler)(request)
          : { body: handler };
    const status = answer?.status ?? (answer?.body === undefined ? 204 : 200);
    return new Response(status === 204 ? null : JSON.stringify(answer?.body ?? null), { status, headers: { 'Content-Type': 'application/json' } });
  };
  vi.stubGlobal('fetch', vi.fn(fetchStub));
  return { requests };
}

export function sessionFor(role: Role | null, overrides: { org?: Partial<NonNullable<SessionInfo['org']>>; session?: Partial<SessionInfo> } = {}): SessionInfo {
  return {
    user: role ? { id: '11111111-1111-4111-8111-111111111111', name: 'Sam Okafor', email: 'sam@example.com', role } : null,
    org: role
      ? { id: 'org-1', name: 'Acme Support', isDemo: false, deletionScheduledFor: null, zoomReauthRequired: false, ...overrides.org }
      : null,
    csrfToken: 'csrf-token',
    demo: { enabled: false },
    summarizer: { provider: 'local', model: 'callrecap-offline-1' },
    billing: { enabled: true },
    ...overrides.session,
  };
}

const probe = { location: '/' };
function LocationProbe() {
  const location = useLocation();
  useEffect(() => {
    probe.location = `${location.pathname}${location.search}`;
  }, [location]);
  return null;
}

/** The path and query the app is showing now. */
export function currentUrl(): URL {
  return new URL(probe.location, 'http://localhost');
}

export function renderWithProviders(ui: ReactNode, path = '/'): RenderResult {
  return render(
    <MemoryRouter initialEntries={[path]}>
      <SessionProvider>
        <ToastProvider>
          <LocationProbe />
          {ui}
        </ToastProvider>
      </SessionProvider>
    </MemoryRouter>,
  );
}

/** The whole web app at `path`, as a signed-in user of `role` (or signed out). */
export function renderApp(path: string, session: SessionInfo, handlers: Record<string, unknown> = {}) {
  const api = stubApi({ 'GET /api/session': session, 'GET /api/notifications': { items: [] }, ...handlers });
  const result = renderWithProviders(<AppRoutes />, path);
  return { ...result, api };
}
