import type { PerformanceRow } from '../../../../server/contract/api';
import { totalsCards } from './analytics-format';

/** The period's headline numbers. */
export function TotalsCards({ totals }: { totals: PerformanceRow }) {
  return (
    <ul className="totals" aria-label="Totals for the period">
      {totalsCards(totals).map((card) => (
        <li key={card.id} className="card total-card">
          <p className="total-label" id={`total-${card.id}`}>
            {card.label}
          </p>
          <p className="total-value" aria-describedby={`total-${card.id}`}>
            {card.value}
          </p>
          <p className="total-hint">{card.hint}</p>
        </li>
      ))}
    </ul>
  );
}

export function TotalsSkeleton() {
  return (
    <ul className="totals" aria-hidden="true">
      {Array.from({ length: 6 }, (_, i) => (
        <li key={i} className="card total-card">
          <span className="skeleton w-60" />
          <span className="skeleton skeleton-title w-40" />
          <span className="skeleton w-80" />
        </li>
      ))}
    </ul>
  );
}
