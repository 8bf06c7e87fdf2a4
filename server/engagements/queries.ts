import { and, desc, eq, gte, lte, or, lt, gt, sql, type SQL } from 'drizzle-orm';
import { engagements, summaries, summaryVersions, users } from '../../db/schema';
import type { Tx } from '../../db/tenant';
import type { EngagementListItem, EngagementListQuery } from '../contract/api';
import { badRequest } from '../http/errors';
import type { AuthContext } from '../auth/current-user';
import { searchNarrowing } from './search';

/** Agents see only their own engagements; supervisors and admins see the organization's. */
export function visibleTo(auth: AuthContext): SQL | undefined {
  return auth.role === 'agent' ? eq(engagements.agentUserId, auth.userId) : undefined;
}

interface Cursor {
  k: string | number;
  id: string;
}

function encodeCursor(cursor: Cursor): string {
  return Buffer.from(JSON.stringify(cursor)).toString('base64url');
}

function decodeCursor(raw: string): Cursor {
  try {
    const parsed = JSON.parse(Buffer.from(raw, 'base64url').toString('utf8')) as Cursor;
    if (typeof parsed.id !== 'string' || (typeof parsed.k !== 'string' && typeof parsed.k !== 'number')) throw new Error('shape');
    return parsed;
  } catch {
    throw badRequest('The cursor is not valid; start again from the first page.');
  }
}

const listColumns = {
  id: engagements.id,
  zoomEngagementId: engagements.zoomEngagementId,
  channel: engagements.channel,
  direction: engagements.direction,
  queueName: engagements.queueName,
  agentId: users.id,
  agentName: users.name,
  consumerNumber: engagements.consumerNumber,
  consumerEmail: engagements.consumerEmail,
  consumerName: engagements.consumerName,
  startedAt: engagements.startedAt,
  endedAt: engagements.endedAt,
  activityAt: engagements.activityAt,
  durationSeconds: engagements.durationSeconds,
  summaryStatus: summaries.status,
  reason: sql<string | null>`${summaryVersions.content}->>'reason'`,
  category: summaries.category,
  sentiment: summaries.sentimentLabel,
  outcome: summaries.outcomeStatus,
  approvedAt: summaries.approvedAt,
  crmSyncState: summaries.crmSyncState,
};

interface ListRow {
  id: string;
  zoomEngagementId: string;
  channel: string;
  direction: 'inbound' | 'outbound';
  queueName: string | null;
  agentId: string | null;
  agentName: string | null;
  consumerNumber: string | null;
  consumerEmail: string | null;
  consumerName: string | null;
  startedAt: Date | null;
  endedAt: Date | null;
  durationSeconds: number | null;
  summaryStatus: EngagementListItem['summaryStatus'];
  reason: string | null;
  category: string | null;
  sentiment: string | null;
  outcome: string | null;
  approvedAt: Date | null;
  crmSyncState: EngagementListItem['crmSyncState'] | null;
}

export function toListItem(r: ListRow): EngagementListItem {
  return {
    id: r.id,
    zoomEngagementId: r.zoomEngagementId,
    channel: r.channel,
    direction: r.direction,
    queueName: r.queueName,
    agent: r.agentId && r.agentName ? { id: r.agentId, name: r.agentName } : null,
    consumerLabel: r.consumerName ?? r.consumerEmail ?? r.consumerNumber,
    startedAt: r.startedAt?.toISOString() ?? null,
    endedAt: r.endedAt?.toISOString() ?? null,
    durationSeconds: r.durationSeconds,
    summaryStatus: r.summaryStatus,
    reason: r.reason,
    category: r.category,
    sentiment: r.sentiment as EngagementListItem['sentiment'],
    outcome: r.outcome as EngagementListItem['outcome'],
    approved: r.approvedAt !== null,
    crmSyncState: r.crmSyncState ?? 'none',
  };
}

const emptyPage = { items: [] as EngagementListItem[], nextCursor: null };

/** A uuid[] literal of ids Postgres itself returned. */
const uuidArray = (ids: string[]) => `{${ids.join(',')}}`;

/** One page of the engagements list, newest first by default, with keyset pagination. */
export async function listEngagements(tx: Tx, auth: AuthContext, query: EngagementListQuery) {
  // Search first: a rare term narrows the list to the few ids the GIN index finds (see search.ts).
  const search = query.q ? await searchNarrowing(tx, query.q) : null;
  if (search?.kind === 'ids' && search.ids.length === 0) return emptyPage;
  const byDuration = query.sort.startsWith('duration');
  const ascending = query.sort.endsWith('asc');
  // A summary status or CRM state filter (often rare: failed) walks that state's rows in list order on
  // summaries (summaries_org_status_activity, summaries_org_crm_activity) rather than every engagement
  // until a page is found. Agent and queue filters have their own engagement indexes and keep those.
  const bySummaryOrder =
    !byDuration && Boolean(query.status || query.crm) && !query.agentId && !query.queueId && auth.role !== 'agent';
  const activityColumn = bySummaryOrder ? summaries.activityAt : engagements.activityAt;
  const idColumn = bySummaryOrder ? summaries.engagementId : engagements.id;
  const sortColumn: SQL = byDuration ? sql`coalesce(${engagements.durationSeconds}, 0)` : sql`${activityColumn}`;
  const conditions: Array<SQL | undefined> = [
    eq(engagements.orgId, auth.orgId),
    bySummaryOrder ? eq(summaries.orgId, auth.orgId) : undefined,
    visibleTo(auth),
    query.from ? gte(activityColumn, new Date(query.from)) : undefined,
    query.to ? lte(activityColumn, new Date(query.to)) : undefined,
    query.agentId ? eq(engagements.agentUserId, query.agentId) : undefined,
    query.queueId ? eq(engagements.queueId, query.queueId) : undefined,
    query.category ? eq(summaries.category, query.category) : undefined,
    query.sentiment ? eq(summaries.sentimentLabel, query.sentiment) : undefined,
    query.outcome ? eq(summaries.outcomeStatus, query.outcome) : undefined,
    query.status ? eq(summaries.status, query.status) : undefined,
    query.crm ? eq(summaries.crmSyncState, query.crm) : undefined,
    search?.kind === 'ids' ? sql`${engagements.id} = any(${uuidArray(search.ids)}::uuid[])` : undefined,
    search?.kind === 'common' ? sql`${summaries.searchVector} @@ websearch_to_tsquery('english', ${query.q})` : undefined,
  ];
  if (query.cursor) {
    const cursor = decodeCursor(query.cursor);
    // An ISO string, not a Date: drizzle's pool hands timestamp parameters to the driver as text.
    const key = byDuration ? Number(cursor.k) : new Date(String(cursor.k)).toISOString();
    const compare = ascending ? gt : lt;
    conditions.push(
      or(compare(sortColumn, key), and(sql`${sortColumn} = ${key}`, compare(idColumn, cursor.id))),
    );
  }
  // Spelled out to match the indexes (DESC NULLS LAST, or read backwards for ascending): Postgres only
  // walks an index whose null ordering matches the ORDER BY, NOT NULL column or not.
  const order = ascending
    ? [sql`${sortColumn} asc nulls first`, sql`${idColumn} asc nulls first`]
    : [sql`${sortColumn} desc nulls last`, sql`${idColumn} desc nulls last`];
  const rows = await tx
    .select(listColumns)
    .from(engagements)
    .leftJoin(summaries, and(eq(summaries.orgId, engagements.orgId), eq(summaries.engagementId, engagements.id)))
    .leftJoin(
      summaryVersions,
      and(
        eq(summaryVersions.orgId, summaries.orgId),
        eq(summaryVersions.summaryId, summaries.id),
        eq(summaryVersions.version, summaries.currentVersion),
      ),
    )
    .leftJoin(users, eq(users.id, engagements.agentUserId))
    .where(and(...conditions))
    .orderBy(...order)
    .limit(query.limit + 1);
  const page = rows.slice(0, query.limit);
  const last = page.at(-1);
  const nextCursor =
    rows.length > query.limit && last
      ? encodeCursor({ k: byDuration ? (last.durationSeconds ?? 0) : last.activityAt.toISOString(), id: last.id })
      : null;
  return { items: page.map(toListItem), nextCursor };
}


/** Earlier engagements of the same customer (same number or email), newest first: their history with the company. */
export async function customerHistory(tx: Tx, auth: AuthContext, engagementId: string): Promise<EngagementListItem[]> {
  const [current] = await tx
    .select({ number: engagements.consumerNumber, email: engagements.consumerEmail, activityAt: engagements.activityAt })
    .from(engagements)
    .where(eq(engagements.id, engagementId))
    .limit(1);
  if (!current || (!current.number && !current.email)) return [];
  const sameCustomer = or(
    current.number ? eq(engagements.consumerNumber, current.number) : undefined,
    current.email ? eq(engagements.consumerEmail, current.email) : undefined,
  );
  const rows = await tx
    .select(listColumns)
    .from(engagements)
    .leftJoin(summaries, and(eq(summaries.orgId, engagements.orgId), eq(summaries.engagementId, engagements.id)))
    .leftJoin(
      summaryVersions,
      and(
        eq(summaryVersions.orgId, summaries.orgId),
        eq(summaryVersions.summaryId, summaries.id),
        eq(summaryVersions.version, summaries.currentVersion),
      ),
    )
    .leftJoin(users, eq(users.id, engagements.agentUserId))
    .where(and(eq(engagements.orgId, auth.orgId), sameCustomer, sql`${engagements.id} <> ${engagementId}`))
    .orderBy(desc(engagements.activityAt))
    .limit(10);
  return rows.map(toListItem);
}
