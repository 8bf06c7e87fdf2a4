import type { SummaryContent } from '../../../../server/contract/summary';
import { OUTCOME_LABELS, OWNER_LABELS, SENTIMENT_LABELS } from './summary-labels';
import './summary.css';

/** A summary to read: the reason first, then outcome, key points and what happens next. */
export function SummaryView({ content }: { content: SummaryContent }) {
  return (
    <div className="sm-view">
      <p className="sm-reason">{content.reason}</p>
      <ul className="sm-tags" aria-label="Summary tags">
        <li className={`sm-tag sm-outcome-${content.outcome.status}`}>
          {OUTCOME_LABELS[content.outcome.status]}
        </li>
        <li className={`sm-tag sm-sentiment-${content.sentiment.label}`}>
          {SENTIMENT_LABELS[content.sentiment.label]}
        </li>
        <li className="sm-tag">{content.category}</li>
      </ul>
      {content.outcome.detail && (
        <section className="sm-block" aria-label="Outcome">
          <h4 className="sm-label">Outcome</h4>
          <p className="sm-text">{content.outcome.detail}</p>
        </section>
      )}
      <section className="sm-block" aria-label="Key points">
        <h4 className="sm-label">Key points</h4>
        <ul className="sm-points">
          {content.keyPoints.map((point, i) => (
            <li key={i}>{point}</li>
          ))}
        </ul>
      </section>
      <section className="sm-block" aria-label="Action items">
        <h4 className="sm-label">Action items</h4>
        {content.actionItems.length === 0 ? (
          <p className="sm-empty">No follow-up actions.</p>
        ) : (
          <ol className="sm-actions">
            {content.actionItems.map((item, i) => (
              <li key={i} className="sm-action">
                <span className="sm-action-text">{item.text}</span>
                {(item.owner || item.due) && (
                  <span className="sm-action-meta">
                    {item.owner ? OWNER_LABELS[item.owner] : 'Unassigned'}
                    {item.due ? ` · due ${item.due}` : ''}
                  </span>
                )}
              </li>
            ))}
          </ol>
        )}
      </section>
    </div>
  );
}
