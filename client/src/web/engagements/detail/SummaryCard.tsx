import type { EngagementDetail } from '../../../../../server/contract/api';
import { api } from '../../../shared/api';
import { SummaryView } from '../../../shared/summary/SummaryView';
import { formatDateTime } from '../../lib/format';
import { providerLabel } from '../../lib/provider-label';
import { useAction } from '../../lib/use-action';
import { Alert } from '../../ui/Alert';
import { Badge } from '../../ui/Badge';
import { Button } from '../../ui/Button';
import { Card } from '../../ui/Card';
import { CheckCircleIcon, CpuIcon, MailIcon, PhoneIcon, RefreshIcon, SparkIcon } from '../../ui/icons';
import { LoadingBlock } from '../../ui/States';

const RETRYABLE = new Set(['failed', 'limit_reached', 'no_transcript']);

const PROBLEM_TITLES = {
  failed: 'The summary could not be written',
  limit_reached: 'Not summarized: the plan’s summary limit was reached',
  no_transcript: 'Not summarized: there is no transcript',
} as const;

/** The summary itself, where it came from, and its approval; or why there is none yet. */
export function SummaryCard({
  detail,
  canRetry,
  onUpdated,
  onRetried,
}: {
  detail: EngagementDetail;
  canRetry: boolean;
  onUpdated: (detail: EngagementDetail) => void;
  onRetried: () => void;
}) {
  const { summary, engagement } = detail;
  const approve = useAction();
  const retry = useAction();

  const onApprove = () =>
    approve.run(async () => {
      if (!summary) return;
      const updated = await api<EngagementDetail>(`/api/engagements/${engagement.id}/summary/approve`, {
        method: 'POST',
        body: { version: summary.currentVersion },
      });
      onUpdated(updated);
    }, 'Summary approved.');

  const onRetry = () =>
    retry.run(async () => {
      await api(`/api/engagements/${engagement.id}/summary/retry`, { method: 'POST' });
      onRetried();
    }, 'Summary queued again. This page updates when it is ready.');

  if (!summary || summary.status === 'pending' || summary.status === 'summarizing') {
    return (
      <Card title="Summary" labelledBy="summary-title">
        <div className="stack">
          <p className="muted" aria-live="polite">
            {!summary
              ? engagement.transcriptStatus === 'pending'
                ? 'Waiting for the transcript from Zoom…'
                : 'No summary yet.'
              : summary.status === 'pending'
                ? 'Queued for summarizing. This page updates by itself.'
                : 'Writing the summary… This page updates by itself.'}
          </p>
          {summary && <LoadingBlock label="Summary in progress" lines={4} />}
          {engagement.transcriptNote && <p className="muted">{engagement.transcriptNote}</p>}
        </div>
      </Card>
    );
  }

  if (RETRYABLE.has(summary.status)) {
    const status = summary.status as keyof typeof PROBLEM_TITLES;
    return (
      <Card title="Summary" labelledBy="summary-title">
        <Alert
          tone={status === 'failed' ? 'danger' : 'warn'}
          title={PROBLEM_TITLES[status]}
          actions={
            canRetry ? (
              <Button size="sm" icon={<RefreshIcon size={14} />} busy={retry.busy} onClick={() => void onRetry()}>
                Retry summary
              </Button>
            ) : undefined
          }
        >
          {summary.statusReason ?? engagement.transcriptNote ?? 'No details were recorded.'}
          {!canRetry && ' A supervisor can retry it.'}
        </Alert>
      </Card>
    );
  }

  const content = summary.content;
  const local = summary.provider === 'local';
  return (
    <Card
      title="Summary"
      labelledBy="summary-title"
      actions={
        <Badge tone={local ? 'outline' : 'info'} title={local ? 'Written by the built-in offline summarizer (no AI provider configured).' : undefined}>
          {local ? <CpuIcon size={13} /> : <SparkIcon size={13} />}
          {providerLabel(summary.provider, summary.model)}
        </Badge>
      }
    >
      <div className="stack-lg">
        <div className={summary.approvedAt ? 'approval is-approved' : 'approval'} aria-live="polite">
          {summary.approvedAt ? (
            <>
              <CheckCircleIcon size={18} />
              <p>
                <strong>Approved</strong> by {summary.approvedBy?.name ?? 'a former user'} on {formatDateTime(summary.approvedAt)} · version{' '}
                {summary.currentVersion}
              </p>
            </>
          ) : (
            <>
              <p>
                <strong>Awaiting approval.</strong> Agents usually approve in the Zoom panel; approving here sends it to the CRM if auto-sync is on.
              </p>
              <Button variant="primary" icon={<CheckCircleIcon size={15} />} busy={approve.busy} onClick={() => void onApprove()}>
                Approve version {summary.currentVersion}
              </Button>
            </>
          )}
        </div>
        {content ? <SummaryView content={content} /> : <p className="muted">This summary has no content.</p>}
        {content && (content.contact.email || content.contact.phone) && (
          <div className="summary-contact">
            <h4 className="sm-label">Contact</h4>
            <p className="summary-contact-items">
              {content.contact.email && (
                <span className="inline-icon">
                  <MailIcon size={14} />
                  {content.contact.email}
                </span>
              )}
              {content.contact.phone && (
                <span className="inline-icon">
                  <PhoneIcon size={14} />
                  {content.contact.phone}
                </span>
              )}
            </p>
          </div>
        )}
      </div>
    </Card>
  );
}
