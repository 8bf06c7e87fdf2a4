import { useCallback, useEffect, useState } from 'react';
import { api } from '../../shared/api';

export interface Resource<T> {
  /** The latest data for this path (kept while a reload runs, so screens do not flash). */
  data: T | undefined;
  error: unknown;
  loading: boolean;
  reload: () => void;
  /** Replace the data locally, e.g. with what a successful change returned. */
  setData: (update: (current: T) => T) => void;
}

interface Settled<T> {
  key: string;
  path: string;
  data?: T;
  error?: unknown;
}

/** GET a JSON resource; `null` path means "not yet" (nothing is fetched). */
export function useResource<T>(path: string | null): Resource<T> {
  const [version, setVersion] = useState(0);
  const [settled, setSettled] = useState<Settled<T> | null>(null);
  const key = `${version}:${path ?? ''}`;

  useEffect(() => {
    if (path === null) return;
    const controller = new AbortController();
    api<T>(path, { signal: controller.signal }).then(
      (data) => setSettled({ key, path, data }),
      (error: unknown) => {
        if (!controller.signal.aborted) setSettled((previous) => ({ key, path, error, data: previous?.path === path ? previous.data : undefined }));
      },
    );
    return () => controller.abort();
  }, [key, path]);

  const reload = useCallback(() => setVersion((v) => v + 1), []);
  const setData = useCallback(
    (update: (current: T) => T) =>
      setSettled((previous) => (previous && previous.data !== undefined ? { ...previous, data: update(previous.data), error: undefined } : previous)),
    [],
  );

  const samePath = settled?.path === path;
  const current = settled?.key === key;
  return {
    data: samePath ? settled?.data : undefined,
    error: current ? settled?.error : undefined,
    loading: path !== null && !current,
    reload,
    setData,
  };
}
