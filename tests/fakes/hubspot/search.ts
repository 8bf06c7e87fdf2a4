import { z } from 'zod';

/**
 * POST /crm/v3/objects/{type}/search semantics: filters in a group are ANDed, groups ORed; at most
 * 5 groups, 6 filters per group and 18 in all; `limit` up to 200; `after` is an offset cursor.
 * String comparisons ignore case, as HubSpot's do.
 */

const filterSchema = z.object({
  propertyName: z.string().min(1),
  operator: z.enum(['EQ', 'NEQ', 'LT', 'LTE', 'GT', 'GTE', 'BETWEEN', 'IN', 'NOT_IN', 'HAS_PROPERTY', 'NOT_HAS_PROPERTY', 'CONTAINS_TOKEN', 'NOT_CONTAINS_TOKEN']),
  value: z.union([z.string(), z.number(), z.boolean()]).optional(),
  highValue: z.union([z.string(), z.number()]).optional(),
  values: z.array(z.union([z.string(), z.number()])).optional(),
});

export const searchRequestSchema = z.object({
  filterGroups: z.array(z.object({ filters: z.array(filterSchema) })).default([]),
  properties: z.array(z.string()).optional(),
  sorts: z.array(z.union([z.string(), z.object({ propertyName: z.string(), direction: z.enum(['ASCENDING', 'DESCENDING']).optional() })])).optional(),
  query: z.string().optional(),
  limit: z.number().int().min(0).optional(),
  after: z.union([z.string(), z.number()]).optional(),
});

export type SearchRequest = z.infer<typeof searchRequestSchema>;
type Filter = z.infer<typeof filterSchema>;

export const SEARCH_LIMITS = { groups: 5, filtersPerGroup: 6, filters: 18, pageSize: 200, maxResults: 10_000 };

/** HubSpot's message when the request breaks a documented limit, or null. */
export function searchLimitProblem(request: SearchRequest): string | null {
  const groups = request.filterGroups;
  if (groups.length > SEARCH_LIMITS.groups) return `Too many filter groups (${groups.length}). The maximum is ${SEARCH_LIMITS.groups}.`;
  if (groups.some((group) => group.filters.length > SEARCH_LIMITS.filtersPerGroup)) return `A filter group may have at most ${SEARCH_LIMITS.filtersPerGroup} filters.`;
  const total = groups.reduce((sum, group) => sum + group.filters.length, 0);
  if (total > SEARCH_LIMITS.filters) return `Too many filters (${total}). The maximum is ${SEARCH_LIMITS.filters}.`;
  if ((request.limit ?? 10) > SEARCH_LIMITS.pageSize) return `limit must be at most ${SEARCH_LIMITS.pageSize}.`;
  return null;
}

const lower = (value: unknown) => String(value).toLowerCase();

function compare(stored: string, wanted: string | number | boolean | undefined): number {
  const a = Number(stored);
  const b = Number(wanted);
  if (Number.isFinite(a) && Number.isFinite(b)) return a - b;
  const dateA = Date.parse(stored);
  const dateB = Date.parse(String(wanted));
  if (!Number.isNaN(dateA) && !Number.isNaN(dateB)) return dateA - dateB;
  return lower(stored).localeCompare(lower(wanted));
}

function tokenMatches(stored: string, pattern: string): boolean {
  const tokens = lower(stored).split(/[^a-z0-9@.*+_-]+/).filter(Boolean);
  const wanted = lower(pattern);
  if (wanted.startsWith('*')) return tokens.some((token) => token.endsWith(wanted.slice(1)));
  if (wanted.endsWith('*')) return tokens.some((token) => token.startsWith(wanted.slice(0, -1)));
  return tokens.includes(wanted);
}

type Lookup = (propertyName: string) => string | undefined;

function matchesFilter(valueOf: Lookup, filter: Filter): boolean {
  const stored = valueOf(filter.propertyName);
  const has = stored !== undefined && stored !== '';
  const values = (filter.values ?? []).map(lower);
  switch (filter.operator) {
    case 'HAS_PROPERTY':
      return has;
    case 'NOT_HAS_PROPERTY':
      return !has;
    case 'EQ':
      return has && lower(stored) === lower(filter.value);
    case 'NEQ':
      return !has || lower(stored) !== lower(filter.value);
    case 'IN':
      return has && values.includes(lower(stored));
    case 'NOT_IN':
      return !has || !values.includes(lower(stored));
    case 'LT':
      return has && compare(stored, filter.value) < 0;
    case 'LTE':
      return has && compare(stored, filter.value) <= 0;
    case 'GT':
      return has && compare(stored, filter.value) > 0;
    case 'GTE':
      return has && compare(stored, filter.value) >= 0;
    case 'BETWEEN':
      return has && compare(stored, filter.value) >= 0 && compare(stored, filter.highValue) <= 0;
    case 'CONTAINS_TOKEN':
      return has && tokenMatches(stored, String(filter.value ?? ''));
    case 'NOT_CONTAINS_TOKEN':
      return !has || !tokenMatches(stored, String(filter.value ?? ''));
  }
}

export function matchesSearch(valueOf: Lookup, request: SearchRequest, queryProperties: string[]): boolean {
  const groups = request.filterGroups;
  const byFilters = groups.length === 0 || groups.some((group) => group.filters.every((filter) => matchesFilter(valueOf, filter)));
  if (!byFilters) return false;
  if (!request.query) return true;
  const words = lower(request.query).split(/\s+/).filter(Boolean);
  return words.every((word) => queryProperties.some((name) => lower(valueOf(name) ?? '').includes(word)));
}

export function sortKey(request: SearchRequest): { propertyName: string; descending: boolean } | null {
  const [first] = request.sorts ?? [];
  if (first === undefined) return null;
  if (typeof first === 'string') return { propertyName: first.replace(/^-/, ''), descending: first.startsWith('-') };
  return { propertyName: first.propertyName, descending: first.direction === 'DESCENDING' };
}
