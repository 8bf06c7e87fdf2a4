import { describe, expect, it } from 'vitest';
import { activeFilterCount, apiQuery, DEFAULT_FILTERS, filtersToParams, parseFilters, rangeBounds } from './engagement-filters';

const NOW = new Date(2026, 10, 20, 15, 30); // Nov 20 2026, 15:30 local time

describe('engagement filters in the URL', () => {
  it('round-trips every filter through the query string', () => {
    const filters = parseFilters(
      new URLSearchParams('range=custom&from=2026-11-01&to=2026-11-15&queueId=q-billing&category=Billing&sentiment=neutral&outcome=resolved&status=failed&crm=queued&q=refund&sort=duration_asc'),
    );
    expect(parseFilters(filtersToParams(filters))).toEqual(filters);
  });

  it('leaves defaults out, so the plain list has a plain URL', () => {
    expect(filtersToParams(DEFAULT_FILTERS).toString()).toBe('');
    expect(activeFilterCount(DEFAULT_FILTERS)).toBe(0);
  });

  it('treats a bare from/to as a custom range, and drops dates from a preset range', () => {
    expect(parseFilters(new URLSearchParams('from=2026-11-01')).range).toBe('custom');
    expect(parseFilters(new URLSearchParams('range=7d&from=2026-11-01')).from).toBeUndefined();
  });
});

describe('date ranges to API bounds', () => {
  it('"last 7 days" starts at local midnight six days ago and has no end', () => {
    const { from, to } = rangeBounds({ range: '7d' }, NOW);
    expect(new Date(from!).getTime()).toBe(new Date(2026, 10, 14).getTime());
    expect(to).toBeUndefined();
  });

  it('a custom range includes the whole last day', () => {
    const { from, to } = rangeBounds({ range: 'custom', from: '2026-11-01', to: '2026-11-15' }, NOW);
    expect(new Date(from!).getTime()).toBe(new Date(2026, 10, 1).getTime());
    expect(new Date(to!).getTime()).toBe(new Date(2026, 10, 16).getTime() - 1);
  });

  it('"any time" sends no bounds, and the query always names its sort', () => {
    const query = new URLSearchParams(apiQuery({ ...DEFAULT_FILTERS, range: 'all', sentiment: 'negative' }, NOW, { limit: 50 }));
    expect(query.has('from')).toBe(false);
    expect(query.get('sentiment')).toBe('negative');
    expect(query.get('sort')).toBe('ended_desc');
    expect(query.get('limit')).toBe('50');
  });
});
