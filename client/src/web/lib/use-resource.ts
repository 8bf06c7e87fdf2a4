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

export interface ResourceOptions<T> {
  /**
   * Decides what to keep when a response lands on data already shown for the same path (a reload, or
   * data set locally meanwhile); without it the response wins. Pass a stable function (module-level),
   * or every render fetches again.
   */
  merge?: (held: T, incoming: T) => T;
}

/** GET a JSON resource; `null` path means "not yet" (nothing is fetched). */
export function useResource<T>(path: string | null, options: ResourceOptions<T> = {}): Resource<T> {
  const merge = options.merge;
  const [version, setVersion] = useState(0);
  const [settled, setSettled] = useState<Settled<T> | null>(null);
  const key = `${version}:${path ?? ''}`;

  useEffect(() => {
    if (path === null) return;
    const controller = new AbortController();
    api<T>(path, { signal: controller.signal }).then(
      (data) =>
        setSettled((previous) => {
          const held = previous?.path === path ? previous.data : undefined;
          return { key, path, data: held !== undefined && merge ? merge(held, data) : data };
        }),
      (error: unknown) => {
        if (!controller.signal.aborted) setSettled((previous) => ({ key, path, error, data: previous?.path === path ? previous.data : undefined }));
      },
    );
    return () => controller.abort();
  }, [key, path, merge]);

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
