import { formatCount } from '../../lib/format';

/** Summaries used against the period's allowance; a native <meter> underneath for assistive tech. */
export function UsageMeter({ used, limit }: { used: number; limit: number }) {
  const ratio = limit > 0 ? Math.min(1, used / limit) : 1;
  const level = ratio >= 1 ? 'is-danger' : ratio >= 0.8 ? 'is-warn' : '';
  return (
    <div className="usage">
      <p className="usage-numbers">
        <span className="usage-used">{formatCount(used)}</span>
        <span className="muted"> of {formatCount(limit)} summaries</span>
      </p>
      <meter className="visually-hidden" min={0} max={Math.max(limit, 1)} value={Math.min(used, limit)} aria-label="Summaries used this period">
        {formatCount(used)} of {formatCount(limit)}
      </meter>
      <div className="meter" aria-hidden="true">
        <div className={`meter-fill ${level}`} style={{ width: `${Math.round(ratio * 100)}%` }} />
      </div>
      <p className="muted usage-note">
        {ratio >= 1
          ? 'The limit is reached: new engagements are recorded but not summarized until the next period or an upgrade.'
          : `${formatCount(Math.max(0, limit - used))} summaries left this period.`}
      </p>
    </div>
  );
}
