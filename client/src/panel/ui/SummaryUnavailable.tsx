import type { EngagementDetail, SessionInfo } from '../../../../server/contract/api';
import { Icon } from './icons';

type Unavailable = 'failed' | 'limit_reached' | 'no_transcript';

export function isUnavailable(status: string | undefined): status is Unavailable {
  return status === 'failed' || status === 'limit_reached' || status === 'no_transcript';
}

/**
 * A summary that will not come by itself. Agents see why; retrying is a supervisor's call and lives
 * in the web app, which the panel links to.
 */
export function SummaryUnavailable(props: {
  status: Unavailable;
  detail: EngagementDetail;
  role: NonNullable<SessionInfo['user']>['role'];
  onOpenWeb: () => void;
}) {
  const { status, detail, role } = props;
  const reason = detail.summary?.statusReason;
  const supervisor = role !== 'agent';
  const content = {
    failed: {
      title: 'The summary could not be written',
      body: reason ?? 'The summarizer hit an error.',
      next: supervisor
        ? 'You can retry it from the engagement in the web app.'
        : 'A supervisor can retry it from the CallRecap web app.',
    },
    limit_reached: {
      title: 'Summary limit reached',
      body:
        reason ??
        'Your organization has used all the summaries included in its plan for this billing period.',
      next: supervisor
        ? 'An admin can raise the limit under Settings › Billing in the web app.'
        : 'Let your admin know; they can raise the limit in the web app.',
    },
    no_transcript: {
      title: 'No transcript for this call',
      body:
        detail.engagement.transcriptNote ??
        reason ??
        'Zoom did not record a transcript for this engagement, so there is nothing to summarize.',
      next: 'Recording and transcription are set per queue in Zoom Contact Center.',
    },
  }[status];
  return (
    <section
      className={`p-card p-unavailable p-unavailable-${status}`}
      aria-labelledby="unavailable-title"
      role="status"
    >
      <div className="p-unavailable-head">
        <Icon name="alert" />
        <h2 id="unavailable-title" className="p-card-title">
          {content.title}
        </h2>
      </div>
      <p className="p-unavailable-body">{content.body}</p>
      <p className="p-muted p-small">{content.next}</p>
      {supervisor && status !== 'no_transcript' && (
        <button
          type="button"
          className="p-button p-button-secondary p-button-small"
          onClick={props.onOpenWeb}
        >
          Open in the web app
          <Icon name="external" size={14} />
        </button>
      )}
    </section>
  );
}
