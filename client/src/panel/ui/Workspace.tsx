import { useCallback, useEffect, useReducer, useState } from 'react';
import type { SessionInfo } from '../../../../server/contract/api';
import { DEFAULT_CATEGORIES } from '../../../../server/contract/summary';
import type { ZoomSession } from '../boot';
import {
  activeEntry,
  engagementPhase,
  initialPanelState,
  panelReducer,
  type EngagementEntry,
} from '../engagements/engagement-state';
import { useEngagementSync } from '../engagements/use-engagement-sync';
import type { LiveMode } from '../live/engagement-live';
import { Brand } from './Brand';
import { crmSyncView, crmList, CRM_NAMES } from './crm-sync-view';
import { CustomerHistory } from './CustomerHistory';
import { EngagementHeader } from './EngagementHeader';
import { Icon } from './icons';
import { currentStep, SummaryProgress } from './SummaryProgress';
import { SummarySection } from './SummarySection';
import { isUnavailable, SummaryUnavailable } from './SummaryUnavailable';

interface Categories {
  names: string[];
  fallback: boolean;
}

const NOTICE_MS = 8_000;

const STANDARD_CATEGORIES: Categories = { names: DEFAULT_CATEGORIES.map((c) => c.name), fallback: true };

/** One sentence for screen readers whenever the engagement's summary or sync state changes. */
function announcementFor(entry: EngagementEntry | null): string {
  if (!entry) return 'No active engagement.';
  const detail = entry.detail;
  if (engagementPhase(entry) === 'in_call') return 'Call in progress.';
  const summary = detail?.summary;
  if (!summary || (summary.status !== 'ready' && !isUnavailable(summary.status))) {
    return currentStep(detail) === 'summarizing' ? 'Summarizing the call.' : 'Waiting for the transcript.';
  }
  if (summary.status === 'failed') return 'The summary could not be written.';
  if (summary.status === 'limit_reached') return 'Summary limit reached.';
  if (summary.status === 'no_transcript') return 'No transcript for this call.';
  if (!summary.approvedAt) return 'Summary ready to review.';
  const sync = crmSyncView(detail);
  if (sync.kind === 'queued') return `Summary approved. Sending to ${crmList(sync.crms)}.`;
  if (sync.kind === 'synced')
    return `Summary approved and synced${sync.records[0] ? ` to ${CRM_NAMES[sync.records[0].crmKind]}` : ''}.`;
  if (sync.kind === 'failed') return 'Summary approved, but the CRM sync failed.';
  return 'Summary approved.';
}

function LiveBadge({ mode }: { mode: LiveMode | null }) {
  if (!mode) return null;
  const label = mode === 'live' ? 'Live' : mode === 'connecting' ? 'Connecting' : 'Reconnecting';
  return (
    <span
      className={`p-live p-live-${mode}`}
      title={mode === 'polling' ? 'Live updates are down; checking every few seconds.' : undefined}
    >
      <span className="p-live-dot" aria-hidden="true" />
      {label}
    </span>
  );
}

function EmptyState() {
  return (
    <section className="p-empty" aria-labelledby="empty-title">
      <span className="p-empty-art" aria-hidden="true">
        <Icon name="chat" size={28} />
      </span>
      <h1 id="empty-title" className="p-empty-title">
        No active engagement
      </h1>
      <p className="p-muted">
        Summaries appear here after a call. Accept or open an engagement in Zoom Contact Center to see the
        customer and their history.
      </p>
    </section>
  );
}

/** The signed-in panel: follows Zoom's engagements and shows the right thing for each phase. */
export function Workspace({ zoom, session }: { zoom: ZoomSession; session: SessionInfo }) {
  const [state, dispatch] = useReducer(panelReducer, initialPanelState);
  const { liveMode } = useEngagementSync(zoom, state, dispatch);
  const [categories, setCategories] = useState<Categories | null>(null);
  const [ready, setReady] = useState(false);
  const entry = activeEntry(state);

  useEffect(() => {
    let cancelled = false;
    zoom.api.categories().then(
      (items) =>
        !cancelled &&
        setCategories(
          items.length > 0 ? { names: items.map((c) => c.name), fallback: false } : STANDARD_CATEGORIES,
        ),
      () => !cancelled && setCategories(STANDARD_CATEGORIES),
    );
    // The first engagement answer (or its absence) decides between the empty state and the skeleton.
    void zoom.firstEngagement.finally(() => !cancelled && setReady(true));
    return () => {
      cancelled = true;
    };
  }, [zoom]);

  const openUrl = useCallback(
    (url: string) => {
      // Inside Zoom, openUrl sends the link to the system browser; a plain window.open would stay in the panel.
      zoom.bridge.openUrl(url).catch(() => window.open(url, '_blank', 'noopener'));
    },
    [zoom],
  );

  return (
    <div className="p-app">
      <div className="p-topbar">
        <Brand compact />
        <div className="p-topbar-end">
          {session.summarizer.provider === 'local' && (
            <span
              className="p-pill"
              title="No AI key is configured: summaries come from the built-in offline summarizer."
            >
              Offline summarizer
            </span>
          )}
          <LiveBadge mode={entry?.detail ? liveMode : null} />
        </div>
      </div>
      <p className="p-visually-hidden" role="status" aria-live="polite">
        {ready ? announcementFor(entry) : ''}
      </p>
      <main className="p-main">
        {!entry && !ready && <LoadingState />}
        {!entry && ready && <EmptyState />}
        {entry && (
          <EngagementBody
            key={entry.zoomId}
            entry={entry}
            session={session}
            zoom={zoom}
            categories={categories ?? STANDARD_CATEGORIES}
            dispatch={dispatch}
            openUrl={openUrl}
          />
        )}
      </main>
    </div>
  );
}

function LoadingState() {
  return (
    <div className="p-loading" aria-busy="true" aria-label="Loading the engagement">
      <span className="p-skeleton p-skeleton-title" />
      <span className="p-skeleton" />
      <span className="p-skeleton p-skeleton-block" />
    </div>
  );
}

function EngagementBody(props: {
  entry: EngagementEntry;
  session: SessionInfo;
  zoom: ZoomSession;
  categories: Categories;
  dispatch: Parameters<typeof SummarySection>[0]['dispatch'];
  openUrl: (url: string) => void;
}) {
  const { entry, session, zoom, dispatch } = props;
  const phase = engagementPhase(entry);
  const detail = entry.detail;
  const summary = detail?.summary;
  const webUrl = detail
    ? new URL(`/app/engagements/${detail.engagement.id}`, window.location.origin).href
    : null;
  const notice = entry.notice;

  // Confirmations fade after a while; errors stay until dismissed or replaced.
  useEffect(() => {
    if (!notice || notice.tone === 'error') return;
    const timer = setTimeout(
      () => dispatch({ type: 'notice/set', zoomId: entry.zoomId, notice: null }),
      NOTICE_MS,
    );
    return () => clearTimeout(timer);
  }, [notice, entry.zoomId, dispatch]);

  return (
    <>
      <EngagementHeader entry={entry} />
      {entry.notice && (
        <div
          className={`p-notice p-notice-${entry.notice.tone}`}
          role={entry.notice.tone === 'error' ? 'alert' : 'status'}
        >
          <Icon name={entry.notice.tone === 'error' ? 'alert' : 'check'} />
          <p>{entry.notice.text}</p>
          <button
            type="button"
            className="p-notice-close"
            aria-label="Dismiss message"
            onClick={() => dispatch({ type: 'notice/set', zoomId: entry.zoomId, notice: null })}
          >
            ×
          </button>
        </div>
      )}
      {entry.lookup === 'error' && (
        <div className="p-notice p-notice-error" role="alert">
          <Icon name="alert" />
          <p>Couldn&apos;t reach CallRecap: {entry.lookupError}. Trying again shortly.</p>
          <button
            type="button"
            className="p-button p-button-secondary p-button-small"
            onClick={() => dispatch({ type: 'lookup/retry', zoomId: entry.zoomId })}
          >
            Retry now
          </button>
        </div>
      )}
      {phase === 'in_call' && (
        <section className="p-card p-during" aria-labelledby="during-title">
          <h2 id="during-title" className="p-card-title">
            <Icon name="sparkle" />
            Summary after the call
          </h2>
          <p className="p-muted p-small">
            When this engagement ends, CallRecap summarizes it here for you to review and approve. Nothing to
            do until then.
          </p>
        </section>
      )}
      {phase === 'after_call' &&
        (summary && isUnavailable(summary.status) && detail && session.user ? (
          <SummaryUnavailable
            status={summary.status}
            detail={detail}
            role={session.user.role}
            onOpenWeb={() => webUrl && props.openUrl(webUrl)}
          />
        ) : summary?.status === 'ready' && summary.content && detail ? (
          <SummarySection
            entry={{ ...entry, detail }}
            content={summary.content}
            categories={props.categories}
            api={zoom.api}
            dispatch={dispatch}
            openUrl={props.openUrl}
          />
        ) : !detail && entry.lookups === 0 ? (
          <div className="p-card p-loading" aria-busy="true" aria-label="Loading the summary">
            <span className="p-skeleton p-skeleton-title" />
            <span className="p-skeleton" />
            <span className="p-skeleton p-skeleton-short" />
          </div>
        ) : (
          <SummaryProgress detail={detail} waitingForZoom={!detail} />
        ))}
      <CustomerHistory
        history={entry.history}
        known={Boolean(detail)}
        onRetry={() => dispatch({ type: 'history/retry', zoomId: entry.zoomId })}
      />
    </>
  );
}
