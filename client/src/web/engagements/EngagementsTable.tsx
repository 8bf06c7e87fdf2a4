import { Link, useNavigate } from 'react-router';
import type { EngagementListItem } from '../../../../server/contract/api';
import { Badge } from '../ui/Badge';
import { ArrowDownIcon, ArrowUpIcon, ChatIcon, PhoneIcon, SortIcon } from '../ui/icons';
import { DASH, formatClock, formatDateTime } from '../lib/format';
import type { Sort } from './engagement-filters';
import { CRM_LABELS, CRM_TONES, OUTCOME_LABELS, OUTCOME_TONES, SENTIMENT_LABELS, summaryState } from './engagement-labels';

function SortHeader({ label, column, sort, onSort }: { label: string; column: 'ended' | 'duration'; sort: Sort; onSort: (sort: Sort) => void }) {
  const active = sort.startsWith(column);
  const descending = sort.endsWith('desc');
  const next: Sort = active && descending ? `${column}_asc` : `${column}_desc`;
  return (
    <button type="button" className="sort-button" data-active={active} onClick={() => onSort(next)}>
      {label}
      {active ? descending ? <ArrowDownIcon size={13} /> : <ArrowUpIcon size={13} /> : <SortIcon size={13} />}
    </button>
  );
}

function ariaSort(sort: Sort, column: 'ended' | 'duration') {
  if (!sort.startsWith(column)) return undefined;
  return sort.endsWith('desc') ? 'descending' : 'ascending';
}

export function EngagementsTable({
  items,
  sort,
  onSort,
  showAgent,
}: {
  items: EngagementListItem[];
  sort: Sort;
  onSort: (sort: Sort) => void;
  showAgent: boolean;
}) {
  const navigate = useNavigate();
  return (
    <div className="table-scroll">
      <table className="table engagements-table">
        <thead>
          <tr>
            <th scope="col" aria-sort={ariaSort(sort, 'ended')}>
              <SortHeader label="Ended" column="ended" sort={sort} onSort={onSort} />
            </th>
            <th scope="col">Customer</th>
            <th scope="col" className="col-summary">
              Summary
            </th>
            <th scope="col">{showAgent ? 'Agent · Queue' : 'Queue'}</th>
            <th scope="col">Outcome</th>
            <th scope="col" className="num" aria-sort={ariaSort(sort, 'duration')}>
              <SortHeader label="Duration" column="duration" sort={sort} onSort={onSort} />
            </th>
            <th scope="col">Status</th>
            <th scope="col">CRM</th>
          </tr>
        </thead>
        <tbody>
          {items.map((item) => {
            const state = summaryState(item);
            const to = `/app/engagements/${item.id}`;
            return (
              <tr
                key={item.id}
                className="clickable-row"
                onClick={(event) => {
                  // Let real links, and text selection, behave as usual.
                  if ((event.target as HTMLElement).closest('a') || window.getSelection()?.toString()) return;
                  void navigate(to);
                }}
              >
                <td className="nowrap tabular">
                  {formatDateTime(item.endedAt ?? item.startedAt)}
                </td>
                <td>
                  <span className="customer-cell">
                    {item.channel === 'chat' ? <ChatIcon size={14} /> : <PhoneIcon size={14} />}
                    <span className="visually-hidden">{item.channel === 'chat' ? 'Chat with' : 'Call with'}</span>
                    <span className="customer-label">{item.consumerLabel ?? 'Unknown customer'}</span>
                  </span>
                  <span className="cell-sub">{item.direction === 'outbound' ? 'Outbound' : 'Inbound'}</span>
                </td>
                <td className="col-summary">
                  <Link to={to} className="row-link reason-link">
                    {item.reason ?? (item.summaryStatus === 'ready' ? 'Summary' : 'No summary yet')}
                  </Link>
                  {item.category && <span className="cell-sub">{item.category}</span>}
                </td>
                <td>
                  {showAgent && <span className="cell-main">{item.agent?.name ?? DASH}</span>}
                  <span className={showAgent ? 'cell-sub' : 'cell-main'}>{item.queueName ?? DASH}</span>
                </td>
                <td>
                  {item.outcome ? <Badge tone={OUTCOME_TONES[item.outcome]}>{OUTCOME_LABELS[item.outcome]}</Badge> : <span className="muted">{DASH}</span>}
                  {item.sentiment && <span className={`sentiment-text is-${item.sentiment}`}>{SENTIMENT_LABELS[item.sentiment]}</span>}
                </td>
                <td className="num">{formatClock(item.durationSeconds)}</td>
                <td>
                  <Badge tone={state.tone}>{state.label}</Badge>
                </td>
                <td>
                  {item.crmSyncState === 'none' ? <span className="muted">{DASH}</span> : <Badge tone={CRM_TONES[item.crmSyncState]} dot>{CRM_LABELS[item.crmSyncState]}</Badge>}
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}

export function EngagementsTableSkeleton({ rows = 8 }: { rows?: number }) {
  return (
    <div className="table-skeleton" role="status" aria-busy="true">
      <span className="visually-hidden">Loading engagements…</span>
      {Array.from({ length: rows }, (_, i) => (
        <div key={i} className="table-skeleton-row">
          <span className="skeleton w-60" />
          <span className="skeleton w-70" />
          <span className="skeleton w-90" />
          <span className="skeleton w-50" />
          <span className="skeleton w-40" />
          <span className="skeleton w-40" />
        </div>
      ))}
    </div>
  );
}
