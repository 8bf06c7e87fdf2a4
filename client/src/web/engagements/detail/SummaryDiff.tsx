import type { SummaryContent } from '../../../../../server/contract/summary';
import { diffStats, diffSummaries } from './summary-diff';

/** The selected version against the first one: changed sections with word-level insertions and deletions. */
export function SummaryDiff({
  original,
  revised,
  originalName = 'original',
}: {
  original: SummaryContent;
  revised: SummaryContent;
  originalName?: string;
}) {
  const sections = diffSummaries(original, revised);
  const changed = sections.filter((s) => s.changed);
  const unchanged = sections.filter((s) => !s.changed);
  const stats = diffStats(sections);
  if (changed.length === 0) return <p className="muted">No differences from the {originalName}.</p>;
  return (
    <div className="diff">
      <p className="diff-summary">
        {changed.length} of {sections.length} sections changed ·{' '}
        <span className="diff-stat-added">+{stats.added} words</span> · <span className="diff-stat-removed">−{stats.removed} words</span>
      </p>
      <dl className="diff-sections">
        {changed.map((section) => (
          <div key={section.label} className="diff-section">
            <dt>{section.label}</dt>
            <dd className="diff-text">
              {section.parts.map((part, i) =>
                part.kind === 'added' ? (
                  <ins key={i} className="diff-added">
                    <span className="visually-hidden">[added: </span>
                    {part.text}
                    <span className="visually-hidden">]</span>
                  </ins>
                ) : part.kind === 'removed' ? (
                  <del key={i} className="diff-removed">
                    <span className="visually-hidden">[removed: </span>
                    {part.text}
                    <span className="visually-hidden">]</span>
                  </del>
                ) : (
                  <span key={i}>{part.text}</span>
                ),
              )}
            </dd>
          </div>
        ))}
      </dl>
      {unchanged.length > 0 && <p className="muted diff-unchanged">Unchanged: {unchanged.map((s) => s.label.toLowerCase()).join(', ')}.</p>}
    </div>
  );
}
