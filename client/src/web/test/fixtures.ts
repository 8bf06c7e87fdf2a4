import type { CategoryView, EngagementDetail, EngagementListItem, FilterOptions, PerformanceRow } from '../../../../server/contract/api';
import type { SummaryContent } from '../../../../server/contract/summary';

/** Small, realistic API payloads for component tests. */

export const AGENT_ID = '22222222-2222-4222-8222-222222222222';

export function listItem(overrides: Partial<EngagementListItem> = {}): EngagementListItem {
  return {
    id: '33333333-3333-4333-8333-333333333333',
    zoomEngagementId: 'eng-1',
    channel: 'voice',
    direction: 'inbound',
    queueName: 'Billing',
    agent: { id: AGENT_ID, name: 'Alex Rivera' },
    consumerLabel: 'dana.wright@example.com',
    startedAt: '2026-11-20T10:00:00.000Z',
    endedAt: '2026-11-20T10:06:42.000Z',
    durationSeconds: 402,
    summaryStatus: 'ready',
    reason: 'Customer was charged twice for the March invoice.',
    category: 'Billing',
    sentiment: 'positive',
    outcome: 'resolved',
    approved: true,
    crmSyncState: 'synced',
    ...overrides,
  };
}

export const FILTER_OPTIONS: FilterOptions = {
  agents: [
    { id: AGENT_ID, name: 'Alex Rivera' },
    { id: '44444444-4444-4444-8444-444444444444', name: 'Jordan Lee' },
  ],
  queues: [
    { id: 'q-billing', name: 'Billing' },
    { id: 'q-support', name: 'Technical Support' },
  ],
  categories: [
    { id: 'c1', name: 'Billing', description: '', position: 0 },
    { id: 'c2', name: 'Technical Support', description: '', position: 1 },
  ],
};

export const AI_SUMMARY: SummaryContent = {
  reason: 'Customer was charged twice for the March invoice.',
  keyPoints: ['Duplicate charge of $49.00 on March 3', 'Refund issued to the card on file'],
  outcome: { status: 'resolved', detail: 'Refund issued; arrives in 3–5 business days.' },
  actionItems: [{ text: 'Email refund confirmation', owner: 'agent', due: 'today' }],
  sentiment: { label: 'positive', score: 0.6 },
  category: 'Billing',
  contact: { email: 'dana.wright@example.com' },
};

export function categories(): CategoryView[] {
  return ['Billing', 'Technical Support', 'Sales'].map((name, position) => ({
    id: `5555555${position}-5555-4555-8555-555555555555`,
    name,
    description: `${name} questions.`,
    position,
  }));
}

export function performanceRow(overrides: Partial<PerformanceRow> = {}): PerformanceRow {
  return {
    id: 'total',
    name: 'All',
    engagements: 1234,
    averageHandleSeconds: 402.4,
    sentiment: { positive: 600, neutral: 400, negative: 234 },
    outcomes: { resolved: 800, unresolved: 134, follow_up: 300 },
    approvalRate: 0.9123,
    editRate: 0.0456,
    medianSecondsToApproval: 2700,
    crmSyncSuccessRate: 0.995,
    ...overrides,
  };
}

export function engagementDetail(overrides: Partial<EngagementDetail> = {}): EngagementDetail {
  const item = listItem();
  return {
    engagement: { ...item, consumerNumber: '+14155550134', consumerEmail: 'dana.wright@example.com', agents: [{ name: 'Alex Rivera' }], transcriptStatus: 'processed', transcriptNote: null },
    summary: {
      id: 'summary-1',
      status: 'ready',
      statusReason: null,
      currentVersion: 1,
      content: AI_SUMMARY,
      provider: 'local',
      model: 'callrecap-offline-1',
      approvedAt: null,
      approvedBy: null,
      crmSyncState: 'none',
      editRatio: 0,
      updatedAt: '2026-11-20T10:07:00.000Z',
    },
    versions: [{ version: 1, source: 'ai', editedBy: null, createdAt: '2026-11-20T10:07:00.000Z', content: AI_SUMMARY }],
    crmAttempts: [],
    crmRecords: [],
    revision: 1,
    ...overrides,
  };
}
