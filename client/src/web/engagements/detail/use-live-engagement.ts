import { useEffect } from 'react';
import type { EngagementDetail, EngagementUpdateEvent } from '../../../../../server/contract/api';

/** Follows /api/engagements/:id/events so approval and CRM sync changes appear without a reload. */
export function useLiveEngagement(id: string, onDetail: (detail: EngagementDetail) => void): void {
  useEffect(() => {
    if (typeof EventSource === 'undefined') return;
    const source = new EventSource(`/api/engagements/${encodeURIComponent(id)}/events`);
    const onUpdate = (event: MessageEvent<string>) => {
      try {
        const update = JSON.parse(event.data) as EngagementUpdateEvent;
        if (update.detail?.engagement?.id === id) onDetail(update.detail);
      } catch {
        // A malformed event is skipped; the next one carries the full state again.
      }
    };
    source.addEventListener('engagement.updated', onUpdate);
    return () => source.close();
  }, [id, onDetail]);
}
