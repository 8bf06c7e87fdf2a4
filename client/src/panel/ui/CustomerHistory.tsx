import { useState } from 'react';
import type { EngagementListItem } from '../../../../server/contract/api';
import { OUTCOME_LABELS } from '../../shared/summary/summary-labels';
import type { HistoryState } from '../engagements/engagement-state';
import { channelLabel, formatDay } from './format';
import { Icon } from './icons';

function HistoryItem({ item }: { item: EngagementListItem }) {
  const when = formatDay(item.endedAt ?? item.startedAt);
  return (
    <li className="p-history-item">
      <div className="p-history-meta">
        <span>{when}</span>
        <span aria-hidden="true">·</span>
        <span>{channelLabel(item.channel)}</span>
        {item.agent && (
          <>
            <span aria-hidden="true">·</span>
            <span>{item.agent.name}</span>
          </>
        )}
      </div>
      <p className="p-history-reason">
        {item.reason ??
          (item.summaryStatus === 'ready' ? 'No reason recorded.' : 'No summary for this engagement.')}
      </p>
      {(item.outcome || item.category) && (
        <ul className="sm-tags" aria-label="Tags">
          {item.outcome && (
            <li className={`sm-tag sm-outcome-${item.outcome}`}>{OUTCOME_LABELS[item.outcome]}</li>
          )}
          {item.category && <li className="sm-tag">{item.category}</li>}
        </ul>
      )}
    </li>
  );
}

/** How many earlier engagements show before "Show all" (the summary matters more after a call). */
const COLLAPSED_COUNT = 3;

/** Earlier engagements with the same customer (phone or email), newest first. */
export function CustomerHistory({
  history,
  known,
  onRetry,
}: {
  history: HistoryState;
  known: boolean;
  onRetry: () => void;
}) {
  const [expanded, setExpanded] = useState(false);
  const hidden = history.items.length - COLLAPSED_COUNT;
  const shown = expanded || hidden <= 0 ? history.items : history.items.slice(0, COLLAPSED_COUNT);
  return (
    <section
      className="p-card p-history"
      aria-labelledby="history-title"
      aria-busy={history.state === 'loading'}
    >
      <div className="p-card-head">
        <h2 id="history-title" className="p-card-title">
          <Icon name="history" />
          Customer history
        </h2>
        {history.state === 'ready' && history.items.length > 0 && (
          <span className="p-count">{history.items.length}</span>
        )}
      </div>
      {!known && (
        <p className="p-muted p-small">Appears once CallRecap has received this engagement from Zoom.</p>
      )}
      {known && (history.state === 'loading' || history.state === 'idle') && (
        <div className="p-skeleton-list" aria-label="Loading history">
          <span className="p-skeleton" />
          <span className="p-skeleton p-skeleton-short" />
        </div>
      )}
      {history.state === 'error' && (
        <div className="p-inline-error" role="alert">
          <p>Couldn&apos;t load the history: {history.error}</p>
          <button type="button" className="p-button p-button-secondary p-button-small" onClick={onRetry}>
            Try again
          </button>
        </div>
      )}
      {history.state === 'ready' &&
        (history.items.length === 0 ? (
          <p className="p-muted p-small">No earlier engagements with this customer.</p>
        ) : (
          <>
            <ol className="p-history-list" id="history-list">
              {shown.map((item) => (
                <HistoryItem key={item.id} item={item} />
              ))}
            </ol>
            {hidden > 0 && (
              <button
                type="button"
                className="p-button p-button-ghost p-button-small p-history-more"
                aria-expanded={expanded}
                aria-controls="history-list"
                onClick={() => setExpanded(!expanded)}
              >
                {expanded ? 'Show fewer' : `Show ${hidden} more`}
              </button>
            )}
          </>
        ))}
    </section>
  );
}
