import type { Response } from 'express';
import { withOrg } from '../../db/tenant';
import type { EngagementListItem, EngagementListQuery } from '../contract/api';
import type { AuthContext } from '../auth/current-user';
import type { Services } from '../services';
import { listEngagements } from './queries';

/** Cells that start with these are formulas to a spreadsheet; prefixing a quote keeps them text. */
const FORMULA_START = /^[=+\-@\t\r]/;

export function csvCell(value: string | number | boolean | null | undefined): string {
  if (value === null || value === undefined) return '';
  let text = String(value);
  if (FORMULA_START.test(text)) text = `'${text}`;
  return /[",\n\r]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

export function csvRow(values: Array<string | number | boolean | null | undefined>): string {
  return values.map(csvCell).join(',') + '\r\n';
}

const HEADER = ['Ended at', 'Agent', 'Queue', 'Channel', 'Direction', 'Customer', 'Duration (s)', 'Summary status', 'Reason', 'Category', 'Sentiment', 'Outcome', 'Approved', 'CRM sync', 'Zoom engagement id'];

function toRow(item: EngagementListItem): Array<string | number | null | undefined> {
  return [item.endedAt, item.agent?.name, item.queueName, item.channel, item.direction, item.consumerLabel, item.durationSeconds, item.summaryStatus, item.reason, item.category, item.sentiment, item.outcome, item.approved ? 'yes' : 'no', item.crmSyncState, item.zoomEngagementId];
}

/** Streams the filtered list page by page (keyset), so a large export never sits in memory. */
export async function engagementsCsv(services: Services, auth: AuthContext, query: EngagementListQuery, res: Response): Promise<void> {
  res.write('\uFEFF' + csvRow(HEADER));
  let cursor: string | undefined;
  for (let pages = 0; pages < 2_000; pages++) {
    const page = await withOrg(services.db, auth.orgId, (tx) => listEngagements(tx, auth, { ...query, cursor, limit: 100 }));
    if (page.items.length > 0 && !res.write(page.items.map((item) => csvRow(toRow(item))).join(''))) {
      await new Promise((resolve) => res.once('drain', resolve));
    }
    if (!page.nextCursor) break;
    cursor = page.nextCursor;
  }
  res.end();
}
