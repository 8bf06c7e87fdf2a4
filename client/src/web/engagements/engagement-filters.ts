import { z } from 'zod';
import { crmSyncStateSchema, summaryStatusSchema } from '../../../../server/contract/api';
import { outcomeStatusSchema, sentimentLabelSchema } from '../../../../server/contract/summary';

/**
 * The engagements list's filters as they live in the page URL (shareable, back-button friendly),
 * and their translation into the API's query. Dates in the URL are local calendar days.
 */

export const DATE_RANGES = ['today', '7d', '30d', '90d', 'all', 'custom'] as const;
export type DateRange = (typeof DATE_RANGES)[number];
export const DEFAULT_RANGE: DateRange = '30d';

export const SORTS = ['ended_desc', 'ended_asc', 'duration_desc', 'duration_asc'] as const;
export type Sort = (typeof SORTS)[number];

export const RANGE_LABELS: Record<DateRange, string> = {
  today: 'Today',
  '7d': 'Last 7 days',
  '30d': 'Last 30 days',
  '90d': 'Last 90 days',
  all: 'Any time',
  custom: 'Custom range',
};

export const SORT_LABELS: Record<Sort, string> = {
  ended_desc: 'Newest first',
  ended_asc: 'Oldest first',
  duration_desc: 'Longest first',
  duration_asc: 'Shortest first',
};

const day = z.string().regex(/^\d{4}-\d{2}-\d{2}$/);
// Anything malformed in a hand-edited URL falls back to "no filter" rather than an error page.
const optional = <T extends z.ZodType>(schema: T) => schema.optional().catch(undefined);

const filtersSchema = z.object({
  range: z.enum(DATE_RANGES).catch(DEFAULT_RANGE),
  from: optional(day),
  to: optional(day),
  agentId: optional(z.string().uuid()),
  queueId: optional(z.string().min(1).max(200)),
  category: optional(z.string().min(1).max(100)),
  sentiment: optional(sentimentLabelSchema),
  outcome: optional(outcomeStatusSchema),
  status: optional(summaryStatusSchema),
  crm: optional(crmSyncStateSchema),
  q: optional(z.string().trim().min(1).max(200)),
  sort: z.enum(SORTS).catch('ended_desc'),
});

export type EngagementFilters = z.infer<typeof filtersSchema>;
export type FilterKey = 'agentId' | 'queueId' | 'category' | 'sentiment' | 'outcome' | 'status' | 'crm';

export const DEFAULT_FILTERS: EngagementFilters = filtersSchema.parse({});

export function parseFilters(params: URLSearchParams): EngagementFilters {
  const raw: Record<string, string> = {};
  for (const [key, value] of params) raw[key] = value;
  // A from/to pair without a range (a link someone typed) means a custom range.
  if (!raw.range && (raw.from || raw.to)) raw.range = 'custom';
  const filters = filtersSchema.parse(raw);
  if (filters.range !== 'custom') return { ...filters, from: undefined, to: undefined };
  return filters;
}

/** The URL form: defaults are left out so a plain /app stays plain. */
export function filtersToParams(filters: EngagementFilters): URLSearchParams {
  const params = new URLSearchParams();
  if (filters.range !== DEFAULT_RANGE) params.set('range', filters.range);
  if (filters.range === 'custom') {
    if (filters.from) params.set('from', filters.from);
    if (filters.to) params.set('to', filters.to);
  }
  for (const key of ['agentId', 'queueId', 'category', 'sentiment', 'outcome', 'status', 'crm', 'q'] as const) {
    const value = filters[key];
    if (value) params.set(key, value);
  }
  if (filters.sort !== 'ended_desc') params.set('sort', filters.sort);
  return params;
}

function startOfLocalDay(date: Date): Date {
  return new Date(date.getFullYear(), date.getMonth(), date.getDate());
}

function localDay(value: string): Date {
  const [y, m, d] = value.split('-').map(Number) as [number, number, number];
  return new Date(y, m - 1, d);
}

/** The API's from/to (ISO instants) for a range, relative to `now`. */
export function rangeBounds(filters: Pick<EngagementFilters, 'range' | 'from' | 'to'>, now: Date): { from?: string; to?: string } {
  const today = startOfLocalDay(now);
  const daysBack = (n: number) => new Date(today.getFullYear(), today.getMonth(), today.getDate() - (n - 1)).toISOString();
  switch (filters.range) {
    case 'today':
      return { from: today.toISOString() };
    case '7d':
      return { from: daysBack(7) };
    case '30d':
      return { from: daysBack(30) };
    case '90d':
      return { from: daysBack(90) };
    case 'all':
      return {};
    case 'custom': {
      const to = filters.to ? localDay(filters.to) : null;
      return {
        from: filters.from ? localDay(filters.from).toISOString() : undefined,
        // Inclusive of the whole "to" day.
        to: to ? new Date(to.getFullYear(), to.getMonth(), to.getDate() + 1, 0, 0, 0, -1).toISOString() : undefined,
      };
    }
  }
}

/** The query string for GET /api/engagements and /api/engagements.csv. */
export function apiQuery(filters: EngagementFilters, now: Date, extra: { cursor?: string; limit?: number } = {}): string {
  const params = new URLSearchParams();
  const { from, to } = rangeBounds(filters, now);
  if (from) params.set('from', from);
  if (to) params.set('to', to);
  for (const key of ['agentId', 'queueId', 'category', 'sentiment', 'outcome', 'status', 'crm', 'q'] as const) {
    const value = filters[key];
    if (value) params.set(key, value);
  }
  params.set('sort', filters.sort);
  if (extra.limit) params.set('limit', String(extra.limit));
  if (extra.cursor) params.set('cursor', extra.cursor);
  return params.toString();
}

/** How many filters narrow the list beyond the default date range (for the "Clear" affordance). */
export function activeFilterCount(filters: EngagementFilters): number {
  const keys: Array<keyof EngagementFilters> = ['agentId', 'queueId', 'category', 'sentiment', 'outcome', 'status', 'crm', 'q'];
  return keys.filter((key) => filters[key] !== undefined).length + (filters.range !== DEFAULT_RANGE ? 1 : 0);
}
