import { useMemo, useState } from 'react';
import { useSearchParams } from 'react-router';
import type { AnalyticsReport, FilterOptions, PerformanceRow } from '../../../../server/contract/api';
import { formatDate } from '../lib/format';
import { useDocumentTitle } from '../lib/use-document-title';
import { useResource } from '../lib/use-resource';
import { ButtonAnchor } from '../ui/Button';
import { Card } from '../ui/Card';
import { SelectField, TextField } from '../ui/Field';
import { DownloadIcon } from '../ui/icons';
import { Segmented } from '../ui/Segmented';
import { EmptyState, ErrorState, Skeleton } from '../ui/States';
import { Alert } from '../ui/Alert';
import { OUTCOME_LABELS, SENTIMENT_LABELS } from '../engagements/engagement-labels';
import {
  analyticsQuery,
  parseSelection,
  PERIOD_LABELS,
  PERIOD_PRESETS,
  selectionDays,
  selectionToParams,
  utcDay,
  type AnalyticsSelection,
  type PeriodChoice,
} from './analytics-period';
import { CategoryChart } from './CategoryChart';
import { MixDonut } from './MixDonut';
import { PerformanceTable } from './PerformanceTable';
import { SentimentTrendChart } from './SentimentTrendChart';
import { TotalsCards, TotalsSkeleton } from './TotalsCards';
import { useChartPalette } from './use-chart-palette';
import './analytics.css';

const UNASSIGNED_ID = 'unassigned';
const DAY_MS = 86_400_000;

export function AnalyticsPage() {
  useDocumentTitle('Analytics');
  const [params, setParams] = useSearchParams();
  const selection = useMemo(() => parseSelection(params), [params]);
  const [now] = useState(() => new Date());
  const days = selectionDays(selection, now);
  const valid = 'from' in days ? days : null;
  const report = useResource<AnalyticsReport>(valid ? `/api/analytics?${analyticsQuery(valid, selection)}` : null);
  const options = useResource<FilterOptions>('/api/filters');
  const palette = useChartPalette();

  const update = (next: AnalyticsSelection) => setParams(selectionToParams(next));
  const choosePeriod = (period: PeriodChoice) => {
    if (period !== 'custom') return update({ ...selection, period, from: undefined, to: undefined });
    // Start a custom range from what is on screen, so switching does not blank the page.
    const current = valid ?? { from: utcDay(new Date(now.getTime() - 29 * DAY_MS)), to: utcDay(now) };
    update({ ...selection, period, from: current.from, to: current.to });
  };
  const csv = (report: string) => (valid ? `/api/analytics.csv?${analyticsQuery(valid, selection, { report })}` : undefined);
  const engagementsLink = (key: 'agentId' | 'queueId') => (row: PerformanceRow) =>
    row.id === UNASSIGNED_ID || !valid ? null : `/app?${new URLSearchParams({ [key]: row.id, range: 'custom', from: valid.from, to: valid.to }).toString()}`;

  const data = report.data;
  const csvButton = (kind: string, label: string) => (
    <ButtonAnchor size="sm" variant="ghost" href={csv(kind)} download icon={<DownloadIcon size={14} />} aria-label={`Download ${label} as CSV`}>
      CSV
    </ButtonAnchor>
  );

  return (
    <div className="page">
      <header className="page-header">
        <div>
          <h1 className="page-title">Analytics</h1>
          <p className="page-subtitle">
            {valid ? `${formatDate(`${valid.from}T12:00:00Z`)} – ${formatDate(`${valid.to}T12:00:00Z`)} · days in UTC` : 'Choose a period'}
          </p>
        </div>
      </header>

      <section className="card analytics-controls" aria-label="Period and scope">
        <Segmented label="Period" options={[...PERIOD_PRESETS, 'custom' as const].map((p) => ({ value: p, label: PERIOD_LABELS[p] }))} value={selection.period} onChange={choosePeriod} />
        {selection.period === 'custom' && (
          <div className="filters-dates">
            <TextField label="From" hideLabel type="date" value={selection.from ?? ''} max={selection.to} onChange={(e) => update({ ...selection, from: e.target.value || undefined })} />
            <span className="muted" aria-hidden="true">
              –
            </span>
            <TextField label="To" hideLabel type="date" value={selection.to ?? ''} min={selection.from} onChange={(e) => update({ ...selection, to: e.target.value || undefined })} />
          </div>
        )}
        <div className="analytics-scope">
          <SelectField
            label="Agent"
            hideLabel
            highlightWhenSet
            value={selection.agentId ?? ''}
            options={[{ value: '', label: 'All agents' }, ...(options.data?.agents ?? []).map((a) => ({ value: a.id, label: a.name }))]}
            onChange={(e) => update({ ...selection, agentId: e.target.value || undefined })}
          />
          <SelectField
            label="Queue"
            hideLabel
            highlightWhenSet
            value={selection.queueId ?? ''}
            options={[{ value: '', label: 'All queues' }, ...(options.data?.queues ?? []).map((q) => ({ value: q.id, label: q.name }))]}
            onChange={(e) => update({ ...selection, queueId: e.target.value || undefined })}
          />
        </div>
      </section>

      {'problem' in days ? (
        <Alert tone="info" title="Choose a period">
          {days.problem}
        </Alert>
      ) : report.error !== undefined && !data ? (
        <div className="card">
          <ErrorState title="Could not load analytics" error={report.error} onRetry={report.reload} />
        </div>
      ) : !data ? (
        <AnalyticsSkeleton />
      ) : (
        <div className={report.loading ? 'stack-lg is-refreshing' : 'stack-lg'} aria-busy={report.loading}>
          <TotalsCards totals={data.totals} />
          {data.totals.engagements === 0 ? (
            <div className="card">
              <EmptyState title="No engagements in this period">Pick a longer period, or another agent or queue.</EmptyState>
            </div>
          ) : (
            <>
              <div className="analytics-row">
                <Card title="Sentiment by day" subtitle="Summarized engagements per UTC day" actions={csvButton('trend', 'the daily trend')} labelledBy="trend-title">
                  <SentimentTrendChart trend={data.trend} />
                </Card>
                <Card title="Sentiment mix" labelledBy="sentiment-title">
                  <MixDonut
                    centerLabel="summaries"
                    emptyText="No summarized engagements."
                    slices={[
                      { key: 'positive', label: SENTIMENT_LABELS.positive, value: data.totals.sentiment.positive, color: palette.positive },
                      { key: 'neutral', label: SENTIMENT_LABELS.neutral, value: data.totals.sentiment.neutral, color: palette.neutral },
                      { key: 'negative', label: SENTIMENT_LABELS.negative, value: data.totals.sentiment.negative, color: palette.negative },
                    ]}
                  />
                </Card>
              </div>
              <div className="analytics-row">
                <Card title="Categories" subtitle="What customers got in touch about" actions={csvButton('categories', 'categories')} labelledBy="categories-title">
                  <CategoryChart categories={data.categories} />
                </Card>
                <Card title="Outcomes" labelledBy="outcomes-title">
                  <MixDonut
                    centerLabel="outcomes"
                    emptyText="No summarized engagements."
                    slices={[
                      { key: 'resolved', label: OUTCOME_LABELS.resolved, value: data.totals.outcomes.resolved, color: palette.resolved },
                      { key: 'follow_up', label: OUTCOME_LABELS.follow_up, value: data.totals.outcomes.follow_up, color: palette.followUp },
                      { key: 'unresolved', label: OUTCOME_LABELS.unresolved, value: data.totals.outcomes.unresolved, color: palette.unresolved },
                    ]}
                  />
                </Card>
              </div>
              <Card title="By agent" subtitle="Click a column to sort; click a name for their engagements" actions={csvButton('agents', 'the agents report')} labelledBy="agents-title" flush>
                <PerformanceTable rows={data.byAgent} nameLabel="Agent" linkFor={engagementsLink('agentId')} />
              </Card>
              <Card title="By queue" actions={csvButton('queues', 'the queues report')} labelledBy="queues-title" flush>
                <PerformanceTable rows={data.byQueue} nameLabel="Queue" linkFor={engagementsLink('queueId')} />
              </Card>
            </>
          )}
        </div>
      )}
    </div>
  );
}

function AnalyticsSkeleton() {
  return (
    <div className="stack-lg" role="status" aria-busy="true">
      <span className="visually-hidden">Loading analytics…</span>
      <TotalsSkeleton />
      <div className="analytics-row">
        <Skeleton className="skeleton-block chart-skeleton" />
        <Skeleton className="skeleton-block chart-skeleton" />
      </div>
    </div>
  );
}
