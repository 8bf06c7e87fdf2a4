import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import type { AccountView, BillingView } from '../../../../../server/contract/api';
import { renderApp, sessionFor } from '../../test/harness';

const ACCOUNT: AccountView = {
  org: { id: 'org-1', name: 'Acme Support', createdAt: '2026-01-01T00:00:00Z' },
  deletion: null,
  exports: [
    { id: '99999999-9999-4999-8999-999999999999', status: 'ready', bytes: 2_400_000, createdAt: '2026-11-19T10:00:00Z', completedAt: '2026-11-19T10:01:00Z', expiresAt: '2026-11-26T10:01:00Z', error: null },
  ],
};

describe('settings: account', () => {
  it('lists exports with a download link for the ready ones', async () => {
    renderApp('/app/settings/account', sessionFor('admin'), { 'GET /api/account': ACCOUNT });
    const link = await screen.findByRole('link', { name: /Download/ });
    expect(link.getAttribute('href')).toBe('/api/account/exports/99999999-9999-4999-8999-999999999999/download');
    expect(screen.getByText('2.3 MB')).toBeTruthy();
  });

  it('schedules deletion only after the organization name is typed, then offers to cancel', async () => {
    const user = userEvent.setup();
    const scheduled: AccountView = { ...ACCOUNT, deletion: { requestedAt: '2026-11-20T10:00:00Z', scheduledFor: '2026-12-20T10:00:00Z', requestedBy: 'Sam Okafor' } };
    const { api } = renderApp('/app/settings/account', sessionFor('admin'), {
      'GET /api/account': ACCOUNT,
      'POST /api/account/deletion': { ...scheduled, message: 'Deletion is scheduled for 2026-12-20.' },
      'DELETE /api/account/deletion': { ...ACCOUNT, message: 'Deletion cancelled. Nothing was deleted.' },
    });
    await user.click(await screen.findByRole('button', { name: 'Delete organization…' }));
    const dialog = screen.getByRole('alertdialog', { name: 'Delete Acme Support?' });
    const confirm = within(dialog).getByRole<HTMLButtonElement>('button', { name: 'Schedule deletion' });
    expect(confirm.disabled).toBe(true);
    await user.type(within(dialog).getByLabelText(/to confirm/), 'Acme');
    expect(confirm.disabled).toBe(true);
    await user.type(within(dialog).getByLabelText(/to confirm/), ' Support');
    expect(confirm.disabled).toBe(false);
    await user.click(confirm);

    expect(await screen.findByText(/will be permanently deleted on Dec 20, 2026/)).toBeTruthy();
    expect(screen.getByText(/keeps working fully for everyone/)).toBeTruthy();
    expect(api.requests.filter((r) => r.method === 'POST' && r.path === '/api/account/deletion')).toHaveLength(1);

    await user.click(screen.getByRole('button', { name: 'Cancel deletion' }));
    expect(await screen.findByText('Deletion cancelled. Nothing was deleted.')).toBeTruthy();
    await waitFor(() => expect(screen.getByRole('button', { name: 'Delete organization…' })).toBeTruthy());
  });

  it('billing says it is off, and the free allowance applies, when the server has no billing', async () => {
    renderApp('/app/settings/billing', sessionFor('admin', { session: { billing: { enabled: false } } }), {});
    expect(await screen.findByText('Billing is turned off on this CallRecap server.')).toBeTruthy();
    expect(screen.queryByRole('alert')).toBeNull();
  });
});

describe('settings: billing period', () => {
  const billing = (status: string): BillingView => ({
    enabled: true,
    plan: 'team',
    planName: 'Team',
    seats: 5,
    status,
    banner: status === 'past_due' ? 'payment_failed_grace' : null,
    graceEndsAt: status === 'past_due' ? '2026-12-05T00:00:00Z' : null,
    currentPeriodEnd: '2026-12-28T00:00:00Z',
    usage: { used: 120, limit: 2500, periodStart: '2026-11-28T00:00:00Z' },
    plans: [],
    invoices: [],
  });

  it.each([
    ['active', 'Renews'],
    ['trialing', 'Trial ends'],
    ['past_due', 'Period ends'],
    ['canceled', 'Ended'],
  ])('names the period end of a %s subscription "%s"', async (status, label) => {
    renderApp('/app/settings/billing', sessionFor('admin'), { 'GET /api/billing': billing(status) });
    const term = await screen.findByText(label, { selector: 'dt' });
    expect(term.nextElementSibling?.textContent).toMatch(/Dec 28, 2026/);
    if (status !== 'active') expect(screen.queryByText('Renews', { selector: 'dt' })).toBeNull();
  });
});
