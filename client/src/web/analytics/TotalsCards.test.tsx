import { screen, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { performanceRow } from '../test/fixtures';
import { renderWithProviders } from '../test/harness';
import { formatClock, formatDuration, formatPercent } from '../lib/format';
import { percentages } from './analytics-format';
import { sortRows } from './PerformanceTable';
import { TotalsCards } from './TotalsCards';

function cardValue(label: string): string {
  const card = within(screen.getByRole('list', { name: 'Totals for the period' }))
    .getAllByRole('listitem')
    .find((item) => item.textContent?.includes(label));
  return card?.querySelector('.total-value')?.textContent ?? '';
}

describe('analytics totals cards', () => {
  it('formats counts, durations and rates the way a supervisor reads them', () => {
    renderWithProviders(<TotalsCards totals={performanceRow()} />);
    expect(cardValue('Engagements handled')).toMatch(/^1[,.\s]?234$/);
    expect(cardValue('Average handle time')).toBe('6m 42s');
    expect(cardValue('Approval rate')).toBe('91%');
    expect(cardValue('Edit rate')).toBe('4.6%');
    expect(cardValue('Median time to approval')).toBe('45m');
    expect(cardValue('CRM sync success')).toBe('100%');
    expect(screen.getByText('65% resolved on the call')).toBeTruthy();
  });

  it('shows a dash and says why when there is nothing to measure', () => {
    renderWithProviders(
      <TotalsCards
        totals={performanceRow({
          engagements: 0,
          averageHandleSeconds: null,
          approvalRate: null,
          editRate: null,
          medianSecondsToApproval: null,
          crmSyncSuccessRate: null,
          outcomes: { resolved: 0, unresolved: 0, follow_up: 0 },
        })}
      />,
    );
    expect(cardValue('Engagements handled')).toBe('0');
    for (const label of ['Average handle time', 'Approval rate', 'Edit rate', 'Median time to approval', 'CRM sync success']) {
      expect(cardValue(label)).toBe('—');
    }
    expect(screen.getByText('No CRM syncs in this period')).toBeTruthy();
    expect(screen.getByText('No summarized outcomes yet')).toBeTruthy();
  });
});

describe('analytics number formats', () => {
  it('durations grow their unit with the size', () => {
    expect([45, 425, 2520, 7800, 280_000].map(formatDuration)).toEqual(['45s', '7m 05s', '42m', '2h 10m', '3d 5h']);
    expect([59, 402, 3729].map(formatClock)).toEqual(['0:59', '6:42', '1:02:09']);
  });

  it('rates keep one decimal only where whole percents would hide them', () => {
    expect([0, 0.004, 0.0456, 0.5, 0.9949, 1].map(formatPercent)).toEqual(['0%', '0.4%', '4.6%', '50%', '99%', '100%']);
    expect(formatPercent(null)).toBe('—');
  });

  it('legend percentages always add up to 100', () => {
    expect(percentages([1, 1, 1])).toEqual([34, 33, 33]);
    expect(percentages([600, 400, 234]).reduce((a, b) => a + b)).toBe(100);
    expect(percentages([0, 0])).toEqual([0, 0]);
  });

  it('sorting a performance table sinks rows without data', () => {
    const rows = [
      performanceRow({ id: 'a', name: 'Alex', approvalRate: 0.5 }),
      performanceRow({ id: 'b', name: 'Blake', approvalRate: null }),
      performanceRow({ id: 'c', name: 'Casey', approvalRate: 0.9 }),
    ];
    expect(sortRows(rows, 'approvalRate', true).map((r) => r.id)).toEqual(['c', 'a', 'b']);
    expect(sortRows(rows, 'approvalRate', false).map((r) => r.id)).toEqual(['a', 'c', 'b']);
    expect(sortRows(rows, 'name', false).map((r) => r.id)).toEqual(['a', 'b', 'c']);
  });
});
