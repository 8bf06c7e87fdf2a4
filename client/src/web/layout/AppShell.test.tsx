import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { renderApp, sessionFor } from '../test/harness';

const noEngagements = { 'GET /api/engagements': { items: [], nextCursor: null } };

describe('app frame: navigation, role gating and notices', () => {
  it('shows agents only their engagements and a 403 page for settings', async () => {
    renderApp('/app/settings/categories', sessionFor('agent'), noEngagements);
    expect(await screen.findByRole('heading', { name: /don.t have access/ })).toBeTruthy();
    const nav = screen.getByRole('navigation', { name: 'Main' });
    expect(within(nav).getAllByRole('link').map((a) => a.textContent)).toEqual(['My engagements']);
    expect(screen.getByText(/You are signed in as an agent/)).toBeTruthy();
  });

  it('shows supervisors analytics but not settings', async () => {
    renderApp('/app', sessionFor('supervisor'), noEngagements);
    const nav = await screen.findByRole('navigation', { name: 'Main' });
    expect(within(nav).getAllByRole('link').map((a) => a.textContent)).toEqual(['Engagements', 'Analytics']);
    expect(await screen.findByText('No engagements yet')).toBeTruthy();
  });

  it('labels the demo org and the offline summarizer, and has the legal footer', async () => {
    renderApp('/app', sessionFor('admin', { org: { isDemo: true } }), noEngagements);
    await screen.findByRole('navigation', { name: 'Main' });
    expect(screen.getByText('Demo')).toBeTruthy();
    expect(screen.getByText('Offline summarizer')).toBeTruthy();
    const footer = screen.getByRole('navigation', { name: 'Legal and contact' });
    expect(within(footer).getAllByRole('link').map((a) => a.textContent)).toEqual(expect.arrayContaining(['Privacy', 'Terms', 'Contact']));
  });

  it('names the OpenAI model when summaries come from OpenAI', async () => {
    renderApp('/app', sessionFor('agent', { session: { summarizer: { provider: 'openai', model: 'gpt-4o-mini' } } }), noEngagements);
    expect(await screen.findByText('OpenAI gpt-4o-mini')).toBeTruthy();
  });

  it('warns everyone about a scheduled deletion and lets admins cancel it', async () => {
    renderApp('/app', sessionFor('admin', { org: { deletionScheduledFor: '2026-12-29T12:00:00.000Z' } }), noEngagements);
    const notice = await screen.findByText(/is scheduled for deletion on Dec 29, 2026/);
    const banner = notice.closest('.alert') as HTMLElement;
    expect(within(banner).getByRole('link', { name: 'Cancel deletion' }).getAttribute('href')).toBe('/app/settings/account');
    expect(within(banner).getByText(/Everything keeps working until then/)).toBeTruthy();
  });

  it('asks admins to re-authorize Zoom when the grant is lost', async () => {
    renderApp('/app', sessionFor('admin', { org: { zoomReauthRequired: true } }), noEngagements);
    const link = await screen.findByRole('link', { name: 'Re-authorize Zoom' });
    expect(link.getAttribute('href')).toBe('/auth/zoom?returnTo=%2Fapp');
  });

  it('shows notifications and dismisses them on the server', async () => {
    const user = userEvent.setup();
    const { api } = renderApp('/app', sessionFor('admin'), {
      ...noEngagements,
      'GET /api/notifications': { items: [{ id: 'n-1', kind: 'usage_limit_reached', message: 'You used all 50 summaries this month.', createdAt: '2026-11-20T10:00:00Z' }] },
      'POST /api/notifications/n-1/dismiss': { status: 204 },
    });
    expect(await screen.findByText('You used all 50 summaries this month.')).toBeTruthy();
    expect(screen.getByRole('link', { name: 'See usage' }).getAttribute('href')).toBe('/app/settings/billing');
    await user.click(screen.getByRole('button', { name: 'Dismiss notification' }));
    await waitFor(() => expect(screen.queryByText('You used all 50 summaries this month.')).toBeNull());
    expect(api.requests.some((r) => r.method === 'POST' && r.path === '/api/notifications/n-1/dismiss')).toBe(true);
  });

  it('signs out and returns to the sign-in page', async () => {
    const user = userEvent.setup();
    let signedIn = true;
    renderApp('/app', sessionFor('supervisor'), {
      ...noEngagements,
      'GET /api/session': () => ({ body: sessionFor(signedIn ? 'supervisor' : null) }),
      'POST /auth/sign-out': () => {
        signedIn = false;
        return { status: 204 };
      },
    });
    await user.click(await screen.findByRole('button', { name: /Sam Okafor/ }));
    await user.click(screen.getByRole('button', { name: 'Sign out' }));
    expect(await screen.findByRole('heading', { name: 'Sign in to CallRecap' })).toBeTruthy();
  });

  it('signs out on all devices through its own endpoint', async () => {
    const user = userEvent.setup();
    let signedIn = true;
    const { api } = renderApp('/app', sessionFor('supervisor'), {
      ...noEngagements,
      'GET /api/session': () => ({ body: sessionFor(signedIn ? 'supervisor' : null) }),
      'POST /auth/sign-out-everywhere': () => {
        signedIn = false;
        return { body: { ended: 3 } };
      },
    });
    await user.click(await screen.findByRole('button', { name: /Sam Okafor/ }));
    await user.click(screen.getByRole('button', { name: 'Sign out on all devices' }));
    expect(await screen.findByRole('heading', { name: 'Sign in to CallRecap' })).toBeTruthy();
    expect(api.requests.filter((r) => r.method === 'POST').map((r) => r.path)).toEqual(['/auth/sign-out-everywhere']);
  });
});
