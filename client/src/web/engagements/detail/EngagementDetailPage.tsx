import { useCallback, useEffect } from 'react';
import { Link, useParams } from 'react-router';
import type { EngagementDetail } from '../../../../../server/contract/api';
import { ApiRequestError } from '../../../shared/api';
import { newerDetail } from '../../../shared/engagement-detail';
import { formatDateTime, formatDuration } from '../../lib/format';
import { useDocumentTitle } from '../../lib/use-document-title';
import { useResource } from '../../lib/use-resource';
import { hasRole } from '../../session/roles';
import { useSignedIn } from '../../session/session-context';
import { Badge } from '../../ui/Badge';
import { ButtonLink } from '../../ui/Button';
import { ChevronLeftIcon } from '../../ui/icons';
import { EmptyState, ErrorState, Skeleton } from '../../ui/States';
import { summaryState } from '../engagement-labels';
import { CrmSyncCard } from './CrmSyncCard';
import { CustomerHistory } from './CustomerHistory';
import { EngagementFacts } from './EngagementFacts';
import { SummaryCard } from './SummaryCard';
import { useLiveEngagement } from './use-live-engagement';
import { VersionHistory } from './VersionHistory';
import './detail.css';

export function EngagementDetailPage() {
  const { id = '' } = useParams();
  const { user } = useSignedIn();
  // Responses and live events race; the detail's revision keeps the newest whatever order they land in.
  const detail = useResource<EngagementDetail>(`/api/engagements/${encodeURIComponent(id)}`, { merge: newerDetail });
  const setDetail = detail.setData;
  const replace = useCallback((next: EngagementDetail) => setDetail((held) => newerDetail(held, next)), [setDetail]);
  useLiveEngagement(id, replace);
  const data = detail.data;
  useDocumentTitle(data?.summary?.content?.reason ?? 'Engagement');
  // While something is under way, re-read now and then too: a live stream that dropped and reconnected
  // may have missed the event that finished it.
  const underWay =
    data?.summary?.crmSyncState === 'queued' || data?.summary?.status === 'pending' || data?.summary?.status === 'summarizing';
  const reload = detail.reload;
  useEffect(() => {
    if (!underWay) return;
    const timer = setInterval(reload, 3_000);
    return () => clearInterval(timer);
  }, [underWay, reload]);

  const back = (
    <Link to="/app" className="breadcrumb">
      <ChevronLeftIcon size={15} /> {user.role === 'agent' ? 'My engagements' : 'Engagements'}
    </Link>
  );

  if (!data) {
    if (detail.error instanceof ApiRequestError && detail.error.status === 404) {
      return (
        <div className="page">
          {back}
          <div className="card">
            <EmptyState title="Engagement not found" actions={<ButtonLink to="/app">Back to the list</ButtonLink>}>
              It may belong to another agent, or the link is wrong.
            </EmptyState>
          </div>
        </div>
      );
    }
    return (
      <div className="page">
        {back}
        {detail.error !== undefined ? (
          <div className="card">
            <ErrorState title="Could not load this engagement" error={detail.error} onRetry={detail.reload} />
          </div>
        ) : (
          <DetailSkeleton />
        )}
      </div>
    );
  }

  const { engagement, summary, versions } = data;
  const state = summaryState({ summaryStatus: summary?.status ?? null, approved: Boolean(summary?.approvedAt) });
  const title = summary?.content?.reason ?? `Engagement with ${engagement.consumerLabel ?? 'an unknown customer'}`;

  return (
    <div className="page">
      <header className="detail-header">
        {back}
        <h1 className="page-title detail-title">{title}</h1>
        <p className="detail-meta">
          <Badge tone={state.tone}>{state.label}</Badge>
          <span>{engagement.consumerLabel ?? 'Unknown customer'}</span>
          <span aria-hidden="true">·</span>
          <span>{engagement.agent?.name ?? engagement.agents[0]?.name ?? 'No agent'}</span>
          {engagement.queueName && (
            <>
              <span aria-hidden="true">·</span>
              <span>{engagement.queueName}</span>
            </>
          )}
          <span aria-hidden="true">·</span>
          <span>{formatDateTime(engagement.endedAt ?? engagement.startedAt, { withYear: true })}</span>
          <span aria-hidden="true">·</span>
          <span>{formatDuration(engagement.durationSeconds)}</span>
        </p>
      </header>
      <div className="detail-grid">
        <div className="stack-lg">
          <SummaryCard detail={data} canRetry={hasRole(user.role, 'supervisor')} onUpdated={replace} onRetried={detail.reload} />
          {summary && versions.length > 0 && <VersionHistory versions={versions} currentVersion={summary.currentVersion} provider={summary.provider} />}
        </div>
        <aside className="stack-lg" aria-label="Engagement details">
          <CrmSyncCard detail={data} onQueued={detail.reload} />
          <EngagementFacts engagement={engagement} />
          <CustomerHistory engagementId={engagement.id} />
        </aside>
      </div>
    </div>
  );
}

function DetailSkeleton() {
  return (
    <div role="status" aria-busy="true" className="stack-lg">
      <span className="visually-hidden">Loading engagement…</span>
      <Skeleton className="skeleton-title" />
      <div className="detail-grid">
        <div className="stack-lg">
          <Skeleton className="skeleton-block detail-skeleton-tall" />
          <Skeleton className="skeleton-block" />
        </div>
        <div className="stack-lg">
          <Skeleton className="skeleton-block" />
          <Skeleton className="skeleton-block" />
        </div>
      </div>
    </div>
  );
}
