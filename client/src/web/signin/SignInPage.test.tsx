import { screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { renderApp, sessionFor, type StubRequest } from '../test/harness';
import { safeReturnTo } from './SignInPage';

const PEOPLE = [
  { id: '77777777-7777-4777-8777-777777777777', name: 'Alex Rivera', role: 'agent' },
  { id: '88888888-8888-4888-8888-888888888888', name: 'Sam Okafor', role: 'supervisor' },
];

describe('sign-in page', () => {
  it('offers Zoom sign-in that comes back to the page asked for', async () => {
    renderApp('/app/engagements/abc', sessionFor(null));
    const link = await screen.findByRole('link', { name: 'Sign in with Zoom' });
    expect(link.getAttribute('href')).toBe('/auth/zoom?returnTo=%2Fapp%2Fengagements%2Fabc');
    expect(screen.queryByText(/try the demo/i)).toBeNull();
  });

  it('shows the error Zoom sent back', async () => {
    renderApp(`/app?error=${encodeURIComponent('Zoom sign-in was cancelled or refused.')}`, sessionFor(null));
    expect((await screen.findByRole('alert')).textContent).toContain('Zoom sign-in was cancelled or refused.');
  });

  it('lists demo people and signs in as the one picked', async () => {
    const user = userEvent.setup();
    let signedIn = false;
    const { api } = renderApp('/app', sessionFor(null), {
      'GET /api/session': () => ({ body: signedIn ? sessionFor('supervisor') : sessionFor(null, { session: { demo: { enabled: true } } }) }),
      'GET /auth/demo/users': { users: PEOPLE },
      'POST /auth/demo': (request: StubRequest) => {
        signedIn = (request.body as { userId: string }).userId === PEOPLE[1]!.id;
        return { body: { ok: true, csrfToken: 'fresh' } };
      },
      'GET /api/engagements': { items: [], nextCursor: null },
    });
    const buttons = await screen.findAllByRole('button', { name: /Alex Rivera|Sam Okafor/ });
    // The supervisor comes first: the most complete tour of the product.
    expect(buttons[0]!.textContent).toContain('Sam Okafor');
    await user.click(screen.getByRole('button', { name: /Sam Okafor/ }));
    expect(await screen.findByRole('heading', { level: 1, name: 'Engagements' })).toBeTruthy();
    await waitFor(() => expect(api.requests.some((r) => r.path === '/api/engagements')).toBe(true));
  });

  it('never returns to another site after sign-in', () => {
    expect(safeReturnTo('https://evil.example/app', '/app')).toBe('/app');
    expect(safeReturnTo('//evil.example/app', '/app')).toBe('/app');
    expect(safeReturnTo('/app/analytics?period=7d', '/app')).toBe('/app/analytics?period=7d');
  });
});
