import { useCallback, useMemo } from 'react';
import { useSearchParams } from 'react-router';
import { filtersToParams, parseFilters, type EngagementFilters } from './engagement-filters';

/** The list's filters, read from and written to the page URL. */
export function useEngagementFilters(): [EngagementFilters, (next: EngagementFilters, options?: { replace?: boolean }) => void] {
  const [params, setParams] = useSearchParams();
  const filters = useMemo(() => parseFilters(params), [params]);
  const setFilters = useCallback(
    (next: EngagementFilters, options: { replace?: boolean } = {}) => setParams(filtersToParams(next), { replace: options.replace ?? false }),
    [setParams],
  );
  return [filters, setFilters];
}
