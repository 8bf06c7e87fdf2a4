import { describe, expect, it } from 'vitest';
import type { PanelApi } from '../api/panel-api';
import type { AuthorizedEvent, ZoomBridge } from '../zoom/zoom-bridge';
import { signInInClient } from './in-client-sign-in';

/** Our server's two sign-in routes and Zoom's authorize, as the flow sees them. */
function setup(answer: (state: string) => AuthorizedEvent[]) {
  const completed: Array<{ code: string; state: string }> = [];
  const listeners = new Set<(event: AuthorizedEvent) => void>();
  const authorized: Array<{ codeChallenge: string; state: string }> = [];
  const api = {
    startInClientSignIn: () =>
      Promise.resolve({ codeChallenge: 'verifier-as-plain-challenge', state: 'state-1' }),
    completeInClientSignIn: (input: { code: string; state: string }) => {
      completed.push(input);
      return Promise.resolve({ csrfToken: 'csrf-after-sign-in' });
    },
  } as Pick<PanelApi, 'startInClientSignIn' | 'completeInClientSignIn'> as PanelApi;
  const bridge = {
    authorize: (input: { codeChallenge: string; state: string }) => {
      authorized.push(input);
      // Zoom fires onAuthorized after authorize() resolves; also replay a stale event first.
      setTimeout(() => answer(input.state).forEach((event) => listeners.forEach((l) => l(event))), 0);
      return Promise.resolve();
    },
    onAuthorized: (listener: (event: AuthorizedEvent) => void) => {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  } as Pick<ZoomBridge, 'authorize' | 'onAuthorized'> as ZoomBridge;
  return { api, bridge, completed, authorized, listeners };
}

describe('in-client OAuth', () => {
  it('authorizes with the server-made challenge and completes with the code for our state', async () => {
    const flow = setup((state) => [
      { code: 'stale-code', state: 'an-older-attempt', approved: true },
      { code: 'fresh-code', state, approved: true },
    ]);
    await signInInClient(flow.api, flow.bridge);
    expect(flow.authorized).toEqual([{ codeChallenge: 'verifier-as-plain-challenge', state: 'state-1' }]);
    expect(flow.completed).toEqual([{ code: 'fresh-code', state: 'state-1' }]);
    expect(flow.listeners.size).toBe(0);
  });

  it('explains a declined consent and does not call the server', async () => {
    const flow = setup((state) => [{ code: null, state, approved: false }]);
    await expect(signInInClient(flow.api, flow.bridge)).rejects.toThrow('Zoom sign-in was cancelled');
    expect(flow.completed).toEqual([]);
  });
});
