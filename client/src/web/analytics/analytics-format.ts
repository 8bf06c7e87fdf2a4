import type { PerformanceRow } from '../../../../server/contract/api';
import { formatCount, formatDuration, formatPercent } from '../lib/format';

export interface TotalCard {
  id: string;
  label: string;
  value: string;
  hint: string;
}

function share(part: number, whole: number): number | null {
  return whole > 0 ? part / whole : null;
}

/** The six headline numbers, formatted, each with a line saying what it measures. */
export function totalsCards(totals: PerformanceRow): TotalCard[] {
  const outcomes = totals.outcomes.resolved + totals.outcomes.unresolved + totals.outcomes.follow_up;
  const resolved = share(totals.outcomes.resolved, outcomes);
  return [
    {
      id: 'engagements',
      label: 'Engagements handled',
      value: formatCount(totals.engagements),
      hint: resolved === null ? 'No summarized outcomes yet' : `${formatPercent(resolved)} resolved on the call`,
    },
    { id: 'aht', label: 'Average handle time', value: formatDuration(totals.averageHandleSeconds), hint: 'From start to end of each engagement' },
    { id: 'approval', label: 'Approval rate', value: formatPercent(totals.approvalRate), hint: 'Ready summaries that have been approved' },
    { id: 'edit', label: 'Edit rate', value: formatPercent(totals.editRate), hint: 'Average share of the AI’s words changed before approval' },
    {
      id: 'time-to-approval',
      label: 'Median time to approval',
      value: formatDuration(totals.medianSecondsToApproval),
      hint: 'From the end of the engagement',
    },
    {
      id: 'crm',
      label: 'CRM sync success',
      value: formatPercent(totals.crmSyncSuccessRate),
      hint: totals.crmSyncSuccessRate === null ? 'No CRM syncs in this period' : 'Engagements that reached every connected CRM',
    },
  ];
}

/** Shares of a mix as whole percentages that add up to 100 (largest remainder), for legends. */
export function percentages(values: number[]): number[] {
  const total = values.reduce((a, b) => a + b, 0);
  if (total === 0) return values.map(() => 0);
  const exact = values.map((v) => (v / total) * 100);
  const floored = exact.map(Math.floor);
  let missing = 100 - floored.reduce((a, b) => a + b, 0);
  const order = exact.map((v, i) => ({ i, rest: v - Math.floor(v) })).sort((a, b) => b.rest - a.rest);
  for (const { i } of order) {
    if (missing <= 0) break;
    floored[i]! += 1;
    missing--;
  }
  return floored;
}
