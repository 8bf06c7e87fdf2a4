import { cleanup, render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it } from 'vitest';
import type { EngagementDetail } from '../../../../server/contract/api';
import { attempt, detailFixture } from '../test-fixtures';
import { CrmSyncStatus } from './CrmSyncStatus';

afterEach(cleanup);

const APPROVED = '2026-03-03T14:09:00.000Z';
const RECORD = 'https://app.hubspot.com/contacts/123/record/0-48/991';

function show(detail: EngagementDetail, retrying = false) {
  const events: string[] = [];
  render(
    <CrmSyncStatus
      detail={detail}
      retrying={retrying}
      onRetry={() => events.push('retry')}
      onOpen={(url) => events.push(`open ${url}`)}
    />,
  );
  return events;
}

describe('CRM sync state in the panel', () => {
  it('says nothing before approval', () => {
    show(detailFixture({ approvedAt: null, crmSyncState: 'none' }));
    expect(screen.queryByRole('region')).toBeNull();
  });

  it('shows a queued sync, and the error when the CRM asked us to retry', () => {
    show(
      detailFixture({
        approvedAt: APPROVED,
        crmSyncState: 'queued',
        crmAttempts: [attempt({ result: 'retrying', error: 'HubSpot rate limit; retrying in 10 s' })],
      }),
    );
    expect(screen.getByText('Sending to HubSpot…')).toBeTruthy();
    expect(screen.getByText('Retrying after an error: HubSpot rate limit; retrying in 10 s')).toBeTruthy();
    expect(screen.queryByRole('button')).toBeNull();
  });

  it('links to the synced record and opens it through the host (zoomSdk.openUrl in Zoom)', async () => {
    const events = show(
      detailFixture({
        approvedAt: APPROVED,
        crmSyncState: 'synced',
        crmAttempts: [
          attempt({ result: 'failed', error: 'old failure', startedAt: '2026-03-03T14:09:30.000Z' }),
          attempt({ result: 'created', contactLabel: 'Dana Wright', recordUrl: RECORD }),
        ],
        crmRecords: [{ crmKind: 'hubspot', recordUrl: RECORD, syncedVersion: 1 }],
      }),
    );
    expect(screen.getByText('Synced to HubSpot')).toBeTruthy();
    expect(screen.getByText('Logged on Dana Wright.')).toBeTruthy();
    const link = screen.getByRole('link', { name: /Open in HubSpot/ });
    expect(link.getAttribute('href')).toBe(RECORD);
    await userEvent.setup().click(link);
    expect(events).toEqual([`open ${RECORD}`]);
  });

  it('says when the call was logged without a matching contact', () => {
    show(
      detailFixture({
        approvedAt: APPROVED,
        crmSyncState: 'synced',
        crmAttempts: [attempt({ crmKind: 'salesforce', result: 'created', unattached: true })],
        crmRecords: [{ crmKind: 'salesforce', recordUrl: null, syncedVersion: 1 }],
      }),
    );
    expect(screen.getByText('Synced to Salesforce')).toBeTruthy();
    expect(screen.getByText('Saved without a matching contact.')).toBeTruthy();
    expect(screen.queryByRole('link')).toBeNull();
  });

  it('shows a failure with the newest error and a retry', async () => {
    const events = show(
      detailFixture({
        approvedAt: APPROVED,
        crmSyncState: 'failed',
        crmAttempts: [
          attempt({ result: 'retrying', error: 'timeout', startedAt: '2026-03-03T14:10:00.000Z' }),
          attempt({
            result: 'failed',
            error: 'Property values were not valid',
            startedAt: '2026-03-03T14:12:00.000Z',
          }),
        ],
      }),
    );
    expect(screen.getByText("Couldn't sync to HubSpot")).toBeTruthy();
    expect(screen.getByText('Property values were not valid')).toBeTruthy();
    expect(screen.queryByText('timeout')).toBeNull();
    await userEvent.setup().click(screen.getByRole('button', { name: 'Retry sync' }));
    expect(events).toEqual(['retry']);
  });

  it('keeps the retry button busy while a retry is under way', () => {
    show(
      detailFixture({
        approvedAt: APPROVED,
        crmSyncState: 'failed',
        crmAttempts: [attempt({ result: 'failed', error: 'boom' })],
      }),
      true,
    );
    const button = screen.getByRole('button', { name: 'Retrying…' });
    expect(button.hasAttribute('disabled')).toBe(true);
  });

  it('offers a manual sync when nothing was sent', () => {
    show(detailFixture({ approvedAt: APPROVED, crmSyncState: 'none' }));
    expect(screen.getByText('Not sent to a CRM')).toBeTruthy();
    expect(screen.getByRole('button', { name: 'Sync now' })).toBeTruthy();
  });
});
