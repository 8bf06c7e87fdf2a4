import { useState } from 'react';
import { Link } from 'react-router';
import type { EngagementListItem } from '../../../../../server/contract/api';
import { formatDate } from '../../lib/format';
import { useResource } from '../../lib/use-resource';
import { Badge } from '../../ui/Badge';
import { Card } from '../../ui/Card';
import { ErrorState, LoadingBlock } from '../../ui/States';
import { OUTCOME_LABELS, OUTCOME_TONES } from '../engagement-labels';

const SHORT_LIST = 4;

/** Earlier engagements with the same customer: context a supervisor wants before judging this one. */
export function CustomerHistory({ engagementId }: { engagementId: string }) {
  const history = useResource<{ items: EngagementListItem[] }>(`/api/engagements/${engagementId}/customer-history`);
  const [showAll, setShowAll] = useState(false);
  const items = history.data?.items ?? [];
  const shown = showAll ? items : items.slice(0, SHORT_LIST);
  return (
    <Card title="Earlier with this customer" labelledBy="history-title">
      {history.error !== undefined ? (
        <ErrorState compact title="Could not load the customer's history" error={history.error} onRetry={history.reload} />
      ) : !history.data ? (
        <LoadingBlock label="Loading customer history…" lines={3} />
      ) : items.length === 0 ? (
        <p className="muted">No earlier engagements with this customer.</p>
      ) : (
        <ol className="history-list">
          {shown.map((item) => (
            <li key={item.id}>
              <Link to={`/app/engagements/${item.id}`} className="history-link">
                {item.reason ?? 'No summary'}
              </Link>
              <span className="history-meta">
                {formatDate(item.endedAt ?? item.startedAt)}
                {item.agent && ` · ${item.agent.name}`}
                {item.outcome && <Badge tone={OUTCOME_TONES[item.outcome]}>{OUTCOME_LABELS[item.outcome]}</Badge>}
              </span>
            </li>
          ))}
        </ol>
      )}
      {items.length > SHORT_LIST && (
        <button type="button" className="link-button history-more" onClick={() => setShowAll((v) => !v)}>
          {showAll ? 'Show fewer' : `Show ${items.length - SHORT_LIST} more`}
        </button>
      )}
    </Card>
  );
}
