import { useCallback, useEffect, useState } from 'react';
import type { EngagementList, EngagementListItem } from '../../../../server/contract/api';
import { api } from '../../shared/api';

interface Pages {
  key: string;
  items: EngagementListItem[];
  nextCursor: string | null;
  error?: unknown;
}

export interface EngagementPages {
  /** The current query's rows; while a new query loads, the previous rows (see `stale`). */
  items: EngagementListItem[] | undefined;
  stale: boolean;
  hasMore: boolean;
  error: unknown;
  loading: boolean;
  loadingMore: boolean;
  moreError: unknown;
  loadMore: () => void;
  reload: () => void;
}

/** Keyset pagination over GET /api/engagements: the first page per query, then "load more" appends. */
export function useEngagementPages(query: string): EngagementPages {
  const [version, setVersion] = useState(0);
  const [pages, setPages] = useState<Pages | null>(null);
  const [more, setMore] = useState<{ key: string; loading: boolean; error?: unknown } | null>(null);
  const key = `${version}:${query}`;

  useEffect(() => {
    const controller = new AbortController();
    api<EngagementList>(`/api/engagements?${query}`, { signal: controller.signal }).then(
      (page) => setPages({ key, items: page.items, nextCursor: page.nextCursor }),
      (error: unknown) => {
        if (!controller.signal.aborted) setPages({ key, items: [], nextCursor: null, error });
      },
    );
    return () => controller.abort();
  }, [key, query]);

  const current = pages?.key === key ? pages : null;
  const cursor = current?.nextCursor ?? null;

  const loadMore = useCallback(() => {
    if (!cursor) return;
    setMore({ key, loading: true });
    api<EngagementList>(`/api/engagements?${query}&cursor=${encodeURIComponent(cursor)}`).then(
      (page) => {
        setPages((previous) =>
          previous && previous.key === key ? { ...previous, items: [...previous.items, ...page.items], nextCursor: page.nextCursor } : previous,
        );
        setMore(null);
      },
      (error: unknown) => setMore({ key, loading: false, error }),
    );
  }, [cursor, key, query]);

  const reload = useCallback(() => setVersion((v) => v + 1), []);
  const moreState = more?.key === key ? more : null;

  const shown = current ?? (pages && !pages.error ? pages : null);
  return {
    items: shown && !shown.error ? shown.items : undefined,
    stale: !current && Boolean(shown),
    hasMore: Boolean(cursor) && Boolean(current),
    error: current?.error,
    loading: !current,
    loadingMore: Boolean(moreState?.loading),
    moreError: moreState?.error,
    loadMore,
    reload,
  };
}
