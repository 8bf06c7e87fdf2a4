import { sql, type SQL } from 'drizzle-orm';
import type { SummaryContent } from '../contract/summary';

/** The words a supervisor searches by: every text field of the current version, weighted. */
export function searchTextOf(summaryId: string, content: SummaryContent): SQL {
  const headline = [content.reason, content.category].join(' ');
  const body = [
    ...content.keyPoints,
    content.outcome.detail,
    ...content.actionItems.map((item) => item.text),
    content.contact.email ?? '',
  ].join(' ');
  return sql`update summaries set search_vector =
      setweight(to_tsvector('english', ${headline}), 'A') || setweight(to_tsvector('english', ${body}), 'B')
    where id = ${summaryId}`;
}
