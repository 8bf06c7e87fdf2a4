import type { CrmSyncState, EngagementListItem, SummaryStatus } from '../../../../server/contract/api';
import type { Tone } from '../ui/Badge';

export { OUTCOME_LABELS, SENTIMENT_LABELS } from '../../shared/summary/summary-labels';

export const SUMMARY_STATUS_LABELS: Record<SummaryStatus, string> = {
  pending: 'Pending',
  summarizing: 'Summarizing',
  ready: 'Ready',
  failed: 'Failed',
  limit_reached: 'Limit reached',
  no_transcript: 'No transcript',
};

export const CRM_LABELS: Record<CrmSyncState, string> = {
  none: 'Not synced',
  queued: 'Queued',
  synced: 'Synced',
  failed: 'Failed',
};

export const CRM_TONES: Record<CrmSyncState, Tone> = { none: 'neutral', queued: 'accent', synced: 'ok', failed: 'danger' };
export const SENTIMENT_TONES = { positive: 'ok', neutral: 'neutral', negative: 'danger' } as const satisfies Record<string, Tone>;
export const OUTCOME_TONES = { resolved: 'ok', unresolved: 'danger', follow_up: 'warn' } as const satisfies Record<string, Tone>;

/** One badge for where a summary stands, approval included: what a supervisor scans the list for. */
export function summaryState(item: Pick<EngagementListItem, 'summaryStatus' | 'approved'>): { label: string; tone: Tone } {
  switch (item.summaryStatus) {
    case null:
      return { label: 'No summary', tone: 'neutral' };
    case 'ready':
      return item.approved ? { label: 'Approved', tone: 'ok' } : { label: 'Awaiting approval', tone: 'warn' };
    case 'pending':
      return { label: 'Queued', tone: 'neutral' };
    case 'summarizing':
      return { label: 'Summarizing', tone: 'info' };
    case 'failed':
      return { label: 'Failed', tone: 'danger' };
    case 'limit_reached':
      return { label: 'Limit reached', tone: 'warn' };
    case 'no_transcript':
      return { label: 'No transcript', tone: 'neutral' };
  }
}
