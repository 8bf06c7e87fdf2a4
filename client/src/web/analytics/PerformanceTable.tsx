import { useState } from 'react';
import { Link } from 'react-router';
import type { PerformanceRow } from '../../../../server/contract/api';
import { formatClock, formatCount, formatDuration, formatPercent } from '../lib/format';
import { ArrowDownIcon, ArrowUpIcon, SortIcon } from '../ui/icons';

type SortKey = 'name' | 'engagements' | 'averageHandleSeconds' | 'resolvedRate' | 'positiveRate' | 'approvalRate' | 'editRate' | 'medianSecondsToApproval' | 'crmSyncSuccessRate';

const COLUMNS: Array<{ key: SortKey; label: string; numeric: boolean }> = [
  { key: 'engagements', label: 'Engagements', numeric: true },
  { key: 'averageHandleSeconds', label: 'Avg handle', numeric: true },
  { key: 'positiveRate', label: 'Sentiment', numeric: false },
  { key: 'resolvedRate', label: 'Resolved', numeric: true },
  { key: 'approvalRate', label: 'Approval', numeric: true },
  { key: 'editRate', label: 'Edit rate', numeric: true },
  { key: 'medianSecondsToApproval', label: 'Time to approve', numeric: true },
  { key: 'crmSyncSuccessRate', label: 'CRM sync', numeric: true },
];

function rate(part: number, whole: number): number | null {
  return whole > 0 ? part / whole : null;
}

function resolvedRate(row: PerformanceRow): number | null {
  return rate(row.outcomes.resolved, row.outcomes.resolved + row.outcomes.unresolved + row.outcomes.follow_up);
}

function positiveRate(row: PerformanceRow): number | null {
  return rate(row.sentiment.positive, row.sentiment.positive + row.sentiment.neutral + row.sentiment.negative);
}

function sortValue(row: PerformanceRow, key: SortKey): number | string | null {
  switch (key) {
    case 'name':
      return row.name.toLowerCase();
    case 'resolvedRate':
      return resolvedRate(row);
    case 'positiveRate':
      return positiveRate(row);
    default:
      return row[key];
  }
}

/** Rows sorted by a column; empty values (no data) always sink to the bottom. */
export function sortRows(rows: PerformanceRow[], key: SortKey, descending: boolean): PerformanceRow[] {
  return [...rows].sort((a, b) => {
    const x = sortValue(a, key);
    const y = sortValue(b, key);
    if (x === null && y === null) return 0;
    if (x === null) return 1;
    if (y === null) return -1;
    const order = x < y ? -1 : x > y ? 1 : 0;
    return descending ? -order : order;
  });
}

function SentimentBar({ row }: { row: PerformanceRow }) {
  const { positive, neutral, negative } = row.sentiment;
  const total = positive + neutral + negative;
  if (total === 0) return <span className="muted">—</span>;
  const pct = (n: number) => `${(n / total) * 100}%`;
  return (
    <span className="sentiment-bar" title={`${positive} positive, ${neutral} neutral, ${negative} negative`}>
      <span className="sentiment-bar-track" aria-hidden="true">
        <span className="sentiment-seg is-positive" style={{ width: pct(positive) }} />
        <span className="sentiment-seg is-neutral" style={{ width: pct(neutral) }} />
        <span className="sentiment-seg is-negative" style={{ width: pct(negative) }} />
      </span>
      <span className="visually-hidden">
        {positive} positive, {neutral} neutral, {negative} negative
      </span>
    </span>
  );
}

/** Per-agent or per-queue performance; each column sorts, each name opens the matching engagements. */
export function PerformanceTable({
  rows,
  nameLabel,
  linkFor,
}: {
  rows: PerformanceRow[];
  nameLabel: string;
  linkFor: (row: PerformanceRow) => string | null;
}) {
  const [sort, setSort] = useState<{ key: SortKey; descending: boolean }>({ key: 'engagements', descending: true });
  const sorted = sortRows(rows, sort.key, sort.descending);
  const header = (key: SortKey, label: string, numeric: boolean) => {
    const active = sort.key === key;
    return (
      <th key={key} scope="col" className={numeric ? 'num' : undefined} aria-sort={active ? (sort.descending ? 'descending' : 'ascending') : undefined}>
        <button
          type="button"
          className="sort-button"
          data-active={active}
          onClick={() => setSort({ key, descending: active ? !sort.descending : key !== 'name' })}
        >
          {label}
          {active ? sort.descending ? <ArrowDownIcon size={12} /> : <ArrowUpIcon size={12} /> : <SortIcon size={12} />}
        </button>
      </th>
    );
  };

  return (
    <div className="table-scroll">
      <table className="table table-compact perf-table">
        <thead>
          <tr>
            {header('name', nameLabel, false)}
            {COLUMNS.map((c) => header(c.key, c.label, c.numeric))}
          </tr>
        </thead>
        <tbody>
          {sorted.map((row) => {
            const link = linkFor(row);
            return (
              <tr key={row.id}>
                <th scope="row" className="perf-name">
                  {link ? (
                    <Link to={link} className="row-link">
                      {row.name}
                    </Link>
                  ) : (
                    row.name
                  )}
                </th>
                <td className="num">{formatCount(row.engagements)}</td>
                <td className="num" title={formatDuration(row.averageHandleSeconds)}>
                  {formatClock(row.averageHandleSeconds)}
                </td>
                <td>
                  <SentimentBar row={row} />
                </td>
                <td className="num">{formatPercent(resolvedRate(row))}</td>
                <td className="num">{formatPercent(row.approvalRate)}</td>
                <td className="num">{formatPercent(row.editRate)}</td>
                <td className="num">{formatDuration(row.medianSecondsToApproval)}</td>
                <td className="num">{formatPercent(row.crmSyncSuccessRate)}</td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}
