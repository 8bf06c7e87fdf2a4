import type { EngagementDetail } from '../../../../server/contract/api';

/**
 * Keeps one engagement's detail current: server-sent events on /api/engagements/:id/events (the
 * session cookie authenticates it; EventSource cannot send headers), reconnecting with backoff, and
 * polling the detail whenever the stream is down so the summary still arrives by itself.
 */

export type LiveMode = 'connecting' | 'live' | 'polling';

export interface LiveOptions {
  engagementId: string;
  onDetail(detail: EngagementDetail): void;
  onMode?(mode: LiveMode): void;
  /** Polling's source of truth while the stream is down. */
  fetchDetail(id: string): Promise<EngagementDetail>;
  /** Defaults to the browser's EventSource; absent (old browsers, jsdom) means polling only. */
  createEventSource?: ((url: string) => EventSource) | null;
  pollIntervalMs?: number;
  maxBackoffMs?: number;
}

const EVENT_NAME = 'engagement.updated';

function parseEvent(data: string, engagementId: string): EngagementDetail | null {
  try {
    const event = JSON.parse(data) as { type?: unknown; detail?: { engagement?: { id?: unknown } } };
    if (event.type !== EVENT_NAME || event.detail?.engagement?.id !== engagementId) return null;
    return event.detail as EngagementDetail;
  } catch {
    return null;
  }
}

export function watchEngagement(options: LiveOptions): () => void {
  const pollInterval = options.pollIntervalMs ?? 5_000;
  const maxBackoff = options.maxBackoffMs ?? 30_000;
  const create =
    options.createEventSource === undefined
      ? typeof EventSource === 'function'
        ? (url: string) => new EventSource(url)
        : null
      : options.createEventSource;
  let stopped = false;
  let source: EventSource | null = null;
  let reconnectTimer: ReturnType<typeof setTimeout> | undefined;
  let pollTimer: ReturnType<typeof setTimeout> | undefined;
  let failures = 0;
  let mode: LiveMode | null = null;

  const setMode = (next: LiveMode) => {
    if (next === mode) return;
    mode = next;
    options.onMode?.(next);
  };

  // Each polling run has a generation: stopping bumps it, so a request still in flight ends its run.
  let pollGeneration = 0;
  let polling = false;

  const poll = () => {
    if (stopped || polling) return;
    polling = true;
    const generation = ++pollGeneration;
    const tick = async () => {
      try {
        const detail = await options.fetchDetail(options.engagementId);
        if (generation === pollGeneration && !stopped) options.onDetail(detail);
      } catch {
        // Network blips while polling: the next tick tries again.
      }
      if (generation === pollGeneration && !stopped) pollTimer = setTimeout(() => void tick(), pollInterval);
    };
    void tick();
  };

  const stopPolling = () => {
    pollGeneration += 1;
    polling = false;
    clearTimeout(pollTimer);
    pollTimer = undefined;
  };

  const connect = () => {
    if (stopped || !create) return;
    setMode(failures === 0 ? 'connecting' : 'polling');
    const es = create(`/api/engagements/${encodeURIComponent(options.engagementId)}/events`);
    source = es;
    es.addEventListener('open', () => {
      failures = 0;
      setMode('live');
      stopPolling();
    });
    es.addEventListener(EVENT_NAME, (event) => {
      const detail = parseEvent((event as MessageEvent<string>).data, options.engagementId);
      if (detail && !stopped) options.onDetail(detail);
    });
    es.addEventListener('error', () => {
      if (stopped) return;
      // We own the retry schedule (the browser's own gives up on HTTP errors), and poll meanwhile.
      es.close();
      source = null;
      failures += 1;
      setMode('polling');
      poll();
      const delay = Math.min(maxBackoff, 1_000 * 2 ** Math.min(failures - 1, 5));
      reconnectTimer = setTimeout(connect, delay);
    });
  };

  if (create) connect();
  else {
    setMode('polling');
    poll();
  }

  return () => {
    stopped = true;
    source?.close();
    clearTimeout(reconnectTimer);
    stopPolling();
  };
}
