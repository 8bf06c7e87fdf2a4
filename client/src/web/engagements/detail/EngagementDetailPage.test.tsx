import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import type { EngagementDetail } from '../../../../../server/contract/api';
import { engagementDetail } from '../../test/fixtures';
import { renderApp, sessionFor, type StubRequest } from '../../test/harness';

function routes(detail: EngagementDetail, extra: Record<string, unknown> = {}) {
  const id = detail.engagement.id;
  return {
    [`GET /api/engagements/${id}`]: detail,
    [`GET /api/engagements/${id}/customer-history`]: { items: [] },
    ...extra,
  };
}

describe('engagement detail', () => {
  it('approves the current version and shows who approved it', async () => {
    const user = userEvent.setup();
    const detail = engagementDetail();
    const approved: EngagementDetail = {
      ...detail,
      summary: { ...detail.summary!, approvedAt: '2026-11-20T10:20:00Z', approvedBy: { id: 'u1', name: 'Sam Okafor' }, crmSyncState: 'queued' },
    };
    const { api } = renderApp(`/app/engagements/${detail.engagement.id}`, sessionFor('supervisor'), routes(detail, {
      [`POST /api/engagements/${detail.engagement.id}/summary/approve`]: approved,
    }));
    expect(await screen.findByText('Offline summarizer', { selector: '.card-header *' })).toBeTruthy();
    await user.click(screen.getByRole('button', { name: 'Approve version 1' }));
    expect(await screen.findByText(/by Sam Okafor on/)).toBeTruthy();
    expect(api.requests.find((r) => r.path.endsWith('/summary/approve'))?.body).toEqual({ version: 1 });
    expect(screen.getByText('Waiting for the CRM…')).toBeTruthy();
  });

  it('lets supervisors retry a failed summary, and tells agents who can', async () => {
    const user = userEvent.setup();
    const failed = engagementDetail();
    failed.summary = { ...failed.summary!, status: 'failed', statusReason: 'The AI provider timed out three times.', content: null };
    const retried: StubRequest[] = [];
    renderApp(`/app/engagements/${failed.engagement.id}`, sessionFor('supervisor'), routes(failed, {
      [`POST /api/engagements/${failed.engagement.id}/summary/retry`]: (request: StubRequest) => {
        retried.push(request);
        return { status: 202, body: { status: 'queued' } };
      },
    }));
    expect(await screen.findByText('The AI provider timed out three times.')).toBeTruthy();
    await user.click(screen.getByRole('button', { name: 'Retry summary' }));
    await waitFor(() => expect(retried).toHaveLength(1));
  });

  it('does not offer agents the summary retry', async () => {
    const limited = engagementDetail();
    limited.summary = { ...limited.summary!, status: 'limit_reached', statusReason: 'The Free plan allows 50 summaries a month.', content: null };
    renderApp(`/app/engagements/${limited.engagement.id}`, sessionFor('agent'), routes(limited));
    expect(await screen.findByText(/The Free plan allows 50 summaries a month\./)).toBeTruthy();
    expect(screen.getByText(/A supervisor can retry it\./)).toBeTruthy();
    expect(screen.queryByRole('button', { name: 'Retry summary' })).toBeNull();
  });

  it('lists CRM attempts with their contact, record link and error, and retries the sync', async () => {
    const user = userEvent.setup();
    const detail = engagementDetail();
    detail.summary = { ...detail.summary!, approvedAt: '2026-11-20T10:20:00Z', approvedBy: { id: 'u1', name: 'Alex Rivera' }, crmSyncState: 'failed' };
    detail.crmAttempts = [
      { id: 'a1', crmKind: 'hubspot', result: 'created', contactLabel: 'Dana Wright', unattached: false, recordUrl: 'https://app.hubspot.com/calls/1', error: null, startedAt: '2026-11-20T10:21:00Z', finishedAt: '2026-11-20T10:21:02Z' },
      { id: 'a2', crmKind: 'salesforce', result: 'failed', contactLabel: null, unattached: false, recordUrl: null, error: 'INVALID_SESSION_ID: Session expired or invalid', startedAt: '2026-11-20T10:22:00Z', finishedAt: '2026-11-20T10:22:01Z' },
    ];
    const { api } = renderApp(`/app/engagements/${detail.engagement.id}`, sessionFor('agent'), routes(detail, {
      [`POST /api/engagements/${detail.engagement.id}/crm-sync/retry`]: { status: 202, body: { status: 'queued', crms: ['salesforce'] } },
    }));
    const crm = await screen.findByRole('region', { name: 'CRM sync' });
    const attempts = within(crm).getByRole('list', { name: 'Sync attempts' });
    expect(within(attempts).getByText(/Contact: Dana Wright/)).toBeTruthy();
    expect(within(attempts).getByRole('link', { name: /View in HubSpot/ }).getAttribute('href')).toBe('https://app.hubspot.com/calls/1');
    expect(within(attempts).getByText('INVALID_SESSION_ID: Session expired or invalid')).toBeTruthy();
    await user.click(within(crm).getByRole('button', { name: 'Retry sync' }));
    expect(await screen.findByText('CRM sync queued.')).toBeTruthy();
    expect(api.requests.some((r) => r.method === 'POST' && r.path.endsWith('/crm-sync/retry'))).toBe(true);
  });
});
