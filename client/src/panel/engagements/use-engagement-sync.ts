import { useEffect, useRef, useState, type Dispatch } from 'react';
import type { ZoomSession } from '../boot';
import { watchEngagement, type LiveMode } from '../live/engagement-live';
import { errorMessage } from '../ui/format';
import { activeEntry, engagementPhase, type PanelAction, type PanelState } from './engagement-state';

/** How long to wait before asking again whether CallRecap has seen the engagement. */
const LOOKUP_RETRY_MS = { in_call: 15_000, after_call: 3_000, error: 10_000 } as const;

/**
 * The panel's side effects, all driven by the reducer state: follow Zoom's engagement events, look
 * the active engagement up in CallRecap (retrying until the webhook has arrived), load the customer's
 * history, and keep the detail live over SSE (polling when the stream is down).
 */
export function useEngagementSync(
  zoom: ZoomSession,
  state: PanelState,
  dispatch: Dispatch<PanelAction>,
): { liveMode: LiveMode | null } {
  const entry = activeEntry(state);
  const zoomId = entry?.zoomId ?? null;
  const lookup = entry?.lookup ?? null;
  const phase = entry ? engagementPhase(entry) : null;
  const engagementId = entry?.detail?.engagement.id ?? null;
  const historyState = entry?.history.state ?? null;
  const [live, setLive] = useState<{ engagementId: string; mode: LiveMode } | null>(null);
  const prefetched = useRef(zoom.prefetched);

  // Zoom: the engagement on screen now, then every switch and every status diff.
  useEffect(() => {
    let cancelled = false;
    let switchedByEvent = false;
    const refreshStatus = (engagementId: string) => {
      void zoom.bridge.engagementStatus(engagementId).then((patch) => {
        if (patch && !cancelled) dispatch({ type: 'engagement/status', patch });
      });
    };
    void zoom.firstEngagement.then((context) => {
      if (context && !cancelled && !switchedByEvent) dispatch({ type: 'engagement/switched', context });
    });
    void zoom.firstStatus.then((patch) => {
      if (patch && !cancelled) dispatch({ type: 'engagement/status', patch });
    });
    const offContext = zoom.bridge.onEngagementChange((context) => {
      switchedByEvent = true;
      dispatch({ type: 'engagement/switched', context });
      // A switch brings only the static context; the status snapshot fills in the rest.
      refreshStatus(context.engagementId);
    });
    const offStatus = zoom.bridge.onStatusChange((patch) => dispatch({ type: 'engagement/status', patch }));
    return () => {
      cancelled = true;
      offContext();
      offStatus();
    };
  }, [zoom, dispatch]);

  // CallRecap's record of the active engagement (404 until the first webhook has been processed).
  useEffect(() => {
    if (!zoomId || !phase || lookup === 'loading' || lookup === 'found') return;
    const delay = lookup === 'idle' ? 0 : lookup === 'error' ? LOOKUP_RETRY_MS.error : LOOKUP_RETRY_MS[phase];
    const timer = setTimeout(() => {
      dispatch({ type: 'lookup/started', zoomId });
      const early = prefetched.current.get(zoomId);
      prefetched.current.delete(zoomId);
      (early ?? zoom.api.engagementByZoomId(zoomId)).then(
        (detail) => dispatch({ type: 'lookup/finished', zoomId, detail }),
        (error: unknown) => dispatch({ type: 'lookup/failed', zoomId, error: errorMessage(error) }),
      );
    }, delay);
    return () => clearTimeout(timer);
  }, [zoom, zoomId, lookup, phase, dispatch]);

  // The customer's earlier engagements, once we know which engagement this is.
  useEffect(() => {
    if (!zoomId || !engagementId || historyState !== 'idle') return;
    dispatch({ type: 'history/started', zoomId });
    zoom.api.customerHistory(engagementId).then(
      (items) => dispatch({ type: 'history/loaded', zoomId, items }),
      (error: unknown) => dispatch({ type: 'history/failed', zoomId, error: errorMessage(error) }),
    );
  }, [zoom, zoomId, engagementId, historyState, dispatch]);

  // Live updates for the engagement on screen only (one stream at a time).
  useEffect(() => {
    if (!engagementId) return;
    return watchEngagement({
      engagementId,
      fetchDetail: (id) => zoom.api.engagement(id),
      onDetail: (detail) => dispatch({ type: 'detail/received', detail }),
      onMode: (mode) => setLive({ engagementId, mode }),
    });
  }, [zoom, engagementId, dispatch]);

  return { liveMode: live && live.engagementId === engagementId ? live.mode : null };
}
