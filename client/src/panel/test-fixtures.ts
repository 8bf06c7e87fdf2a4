import type { CrmSyncAttemptView, EngagementDetail, SummaryVersionView } from '../../../server/contract/api';
import type { SummaryContent } from '../../../server/contract/summary';

/** Realistic engagement details for component tests (the shapes GET /api/engagements/:id returns). */

export const CONTENT: SummaryContent = {
  reason: 'Customer was charged twice for the March invoice.',
  keyPoints: [
    'Duplicate charge of $49.00 on March 3',
    'Agent confirmed the second charge',
    'Refund issued to the card on file',
  ],
  outcome: { status: 'resolved', detail: 'Refund of $49.00 issued; arrives in 3–5 business days.' },
  actionItems: [
    { text: 'Email refund confirmation to the customer', owner: 'agent', due: 'today' },
    { text: 'Check the card statement next week', owner: 'customer', due: null },
  ],
  sentiment: { label: 'positive', score: 0.6 },
  category: 'Billing',
  contact: { email: 'dana.wright@example.com' },
};

export function detailFixture(
  overrides: {
    id?: string;
    zoomEngagementId?: string;
    status?: NonNullable<EngagementDetail['summary']>['status'];
    content?: SummaryContent;
    currentVersion?: number;
    versions?: SummaryVersionView[];
    approvedAt?: string | null;
    crmSyncState?: NonNullable<EngagementDetail['summary']>['crmSyncState'];
    crmAttempts?: CrmSyncAttemptView[];
    crmRecords?: EngagementDetail['crmRecords'];
    updatedAt?: string;
    revision?: number;
    transcriptStatus?: EngagementDetail['engagement']['transcriptStatus'];
    endedAt?: string | null;
  } = {},
): EngagementDetail {
  const content = overrides.content ?? CONTENT;
  const currentVersion = overrides.currentVersion ?? 1;
  const approvedAt = overrides.approvedAt ?? null;
  return {
    engagement: {
      id: overrides.id ?? '0b6f7c1e-3c1a-4d2e-9a51-6f1d2c3b4a59',
      zoomEngagementId: overrides.zoomEngagementId ?? 'zcc-eng-1',
      channel: 'voice',
      direction: 'inbound',
      queueName: 'Billing',
      agent: { id: 'a1', name: 'Alex Rivera' },
      consumerLabel: '+14155550100',
      startedAt: '2026-03-03T14:00:00.000Z',
      endedAt: overrides.endedAt === undefined ? '2026-03-03T14:06:00.000Z' : overrides.endedAt,
      durationSeconds: 360,
      summaryStatus: overrides.status ?? 'ready',
      reason: content.reason,
      category: content.category,
      sentiment: content.sentiment.label,
      outcome: content.outcome.status,
      approved: Boolean(approvedAt),
      crmSyncState: overrides.crmSyncState ?? 'none',
      consumerNumber: '+14155550100',
      consumerEmail: 'dana.wright@example.com',
      agents: [{ name: 'Alex Rivera' }],
      transcriptStatus: overrides.transcriptStatus ?? 'processed',
      transcriptNote: null,
    },
    summary: {
      id: 's1',
      status: overrides.status ?? 'ready',
      statusReason: null,
      currentVersion,
      content,
      provider: 'local',
      model: 'callrecap-offline-1',
      approvedAt,
      approvedBy: approvedAt ? { id: 'a1', name: 'Alex Rivera' } : null,
      crmSyncState: overrides.crmSyncState ?? 'none',
      editRatio: 0,
      updatedAt: overrides.updatedAt ?? '2026-03-03T14:07:00.000Z',
    },
    versions: overrides.versions ?? [
      {
        version: currentVersion,
        source: 'ai',
        editedBy: null,
        createdAt: '2026-03-03T14:06:20.000Z',
        content,
      },
    ],
    crmAttempts: overrides.crmAttempts ?? [],
    crmRecords: overrides.crmRecords ?? [],
    revision: overrides.revision ?? 1,
  };
}

export function attempt(overrides: Partial<CrmSyncAttemptView>): CrmSyncAttemptView {
  return {
    id: overrides.id ?? `att-${Math.random().toString(36).slice(2)}`,
    crmKind: 'hubspot',
    result: 'created',
    contactLabel: null,
    unattached: false,
    recordUrl: null,
    error: null,
    startedAt: '2026-03-03T14:10:00.000Z',
    finishedAt: '2026-03-03T14:10:02.000Z',
    ...overrides,
  };
}
