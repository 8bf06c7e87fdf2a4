import type { EngagementDetail } from '../../../../../server/contract/api';
import { capitalize, DASH, formatDateTime, formatDuration } from '../../lib/format';
import { Card } from '../../ui/Card';

const TRANSCRIPT_LABELS = { pending: 'Waiting for Zoom', processed: 'Processed', none: 'None recorded' } as const;

/** The engagement's metadata, as Zoom Contact Center reported it. */
export function EngagementFacts({ engagement }: { engagement: EngagementDetail['engagement'] }) {
  const agents = engagement.agents.map((a) => a.name).join(', ');
  return (
    <Card title="Details" labelledBy="facts-title">
      <dl className="kv">
        {engagement.consumerLabel !== engagement.consumerEmail && engagement.consumerLabel !== engagement.consumerNumber && (
          <>
            <dt>Customer</dt>
            <dd>{engagement.consumerLabel ?? DASH}</dd>
          </>
        )}
        {engagement.consumerNumber && (
          <>
            <dt>Phone</dt>
            <dd className="tabular">{engagement.consumerNumber}</dd>
          </>
        )}
        {engagement.consumerEmail && (
          <>
            <dt>Email</dt>
            <dd>{engagement.consumerEmail}</dd>
          </>
        )}
        <dt>Channel</dt>
        <dd>
          {capitalize(engagement.channel)} · {engagement.direction === 'outbound' ? 'Outbound' : 'Inbound'}
        </dd>
        <dt>Queue</dt>
        <dd>{engagement.queueName ?? DASH}</dd>
        <dt>{engagement.agents.length > 1 ? 'Agents' : 'Agent'}</dt>
        <dd>{agents || engagement.agent?.name || DASH}</dd>
        <dt>Started</dt>
        <dd>{formatDateTime(engagement.startedAt, { withYear: true })}</dd>
        <dt>Ended</dt>
        <dd>{formatDateTime(engagement.endedAt, { withYear: true })}</dd>
        <dt>Duration</dt>
        <dd>{formatDuration(engagement.durationSeconds)}</dd>
        <dt>Transcript</dt>
        <dd>{TRANSCRIPT_LABELS[engagement.transcriptStatus]}</dd>
        <dt>Zoom ID</dt>
        <dd className="mono">{engagement.zoomEngagementId}</dd>
      </dl>
    </Card>
  );
}
