import type { EngagementDetail, EngagementListItem } from '../../../../server/contract/api';
import type { SummaryContent } from '../../../../server/contract/summary';
import { newerDetail } from '../../shared/engagement-detail';
import type {
  Consumer,
  EngagementContextInfo,
  EngagementState,
  EngagementStatusPatch,
} from '../zoom/zoom-bridge';

/**
 * Everything the panel knows, keyed by Zoom engagement id: an agent can juggle several engagements
 * and Zoom's events may concern one that is not on screen. Status events are diffs, so they merge.
 */

export interface EngagementStatusView {
  state?: EngagementState;
  endedAt?: string;
  channel?: string;
  source?: string;
  isConference?: boolean;
  assignedAgentName?: string;
  consumers?: Consumer[];
}

export type LookupState = 'idle' | 'loading' | 'found' | 'not_seen' | 'error';

export interface SummaryDraft {
  baseVersion: number;
  content: SummaryContent;
}

export interface Notice {
  tone: 'info' | 'success' | 'error';
  text: string;
}

export interface HistoryState {
  state: 'idle' | 'loading' | 'ready' | 'error';
  items: EngagementListItem[];
  error: string | null;
}

export interface EngagementEntry {
  zoomId: string;
  context: EngagementContextInfo | null;
  status: EngagementStatusView;
  lookup: LookupState;
  lookupError: string | null;
  /** Finished lookups, so the UI can tell "first load" from "still not seen". */
  lookups: number;
  detail: EngagementDetail | null;
  history: HistoryState;
  draft: SummaryDraft | null;
  notice: Notice | null;
}

export interface PanelState {
  activeZoomId: string | null;
  /** Most recently touched last; old ones are dropped beyond MAX_KEPT. */
  order: string[];
  engagements: Record<string, EngagementEntry>;
}

export type PanelAction =
  | { type: 'engagement/switched'; context: EngagementContextInfo }
  | { type: 'engagement/status'; patch: EngagementStatusPatch }
  | { type: 'lookup/started'; zoomId: string }
  | { type: 'lookup/finished'; zoomId: string; detail: EngagementDetail | null }
  | { type: 'lookup/failed'; zoomId: string; error: string }
  | { type: 'lookup/retry'; zoomId: string }
  | { type: 'detail/received'; detail: EngagementDetail }
  | { type: 'history/started'; zoomId: string }
  | { type: 'history/loaded'; zoomId: string; items: EngagementListItem[] }
  | { type: 'history/failed'; zoomId: string; error: string }
  | { type: 'history/retry'; zoomId: string }
  | { type: 'draft/started'; zoomId: string }
  | { type: 'draft/changed'; zoomId: string; content: SummaryContent }
  | { type: 'draft/discarded'; zoomId: string }
  | { type: 'notice/set'; zoomId: string; notice: Notice | null };

const MAX_KEPT = 20;

export const initialPanelState: PanelState = { activeZoomId: null, order: [], engagements: {} };

export function emptyEntry(zoomId: string): EngagementEntry {
  return {
    zoomId,
    context: null,
    status: {},
    lookup: 'idle',
    lookupError: null,
    lookups: 0,
    detail: null,
    history: { state: 'idle', items: [], error: null },
    draft: null,
    notice: null,
  };
}

/** Only the fields the event carries change; an absent field keeps its last known value. */
export function mergeStatus(
  current: EngagementStatusView,
  patch: EngagementStatusPatch,
): EngagementStatusView {
  const next: EngagementStatusView = { ...current };
  if (patch.state !== undefined) next.state = patch.state;
  if (patch.endedAt !== undefined) next.endedAt = patch.endedAt;
  if (patch.channel !== undefined) next.channel = patch.channel;
  if (patch.source !== undefined) next.source = patch.source;
  if (patch.isConference !== undefined) next.isConference = patch.isConference;
  if (patch.assignedAgentName !== undefined) next.assignedAgentName = patch.assignedAgentName;
  if (patch.consumers !== undefined) next.consumers = patch.consumers;
  return next;
}

/** A detail that is older than the one we hold (events and responses can cross) is ignored. */
function touch(
  state: PanelState,
  zoomId: string,
  update: (entry: EngagementEntry) => EngagementEntry,
): PanelState {
  const entry = state.engagements[zoomId] ?? emptyEntry(zoomId);
  const order = [...state.order.filter((id) => id !== zoomId), zoomId];
  const engagements = { ...state.engagements, [zoomId]: update(entry) };
  while (order.length > MAX_KEPT) {
    const dropped = order.find((id) => id !== state.activeZoomId && id !== zoomId);
    if (!dropped) break;
    order.splice(order.indexOf(dropped), 1);
    delete engagements[dropped];
  }
  return { ...state, order, engagements };
}

/** Updates an engagement we already track; events about unknown ones are not worth a new entry. */
function update(
  state: PanelState,
  zoomId: string,
  change: (entry: EngagementEntry) => EngagementEntry,
): PanelState {
  const entry = state.engagements[zoomId];
  if (!entry) return state;
  return { ...state, engagements: { ...state.engagements, [zoomId]: change(entry) } };
}

export function panelReducer(state: PanelState, action: PanelAction): PanelState {
  switch (action.type) {
    case 'engagement/switched': {
      const next = touch(state, action.context.engagementId, (entry) => ({
        ...entry,
        context: action.context,
      }));
      return { ...next, activeZoomId: action.context.engagementId };
    }
    case 'engagement/status':
      // Status may arrive before (or without) a context event; keep it for when the agent gets there.
      return touch(state, action.patch.engagementId, (entry) => ({
        ...entry,
        status: mergeStatus(entry.status, action.patch),
      }));
    case 'lookup/started':
      return update(state, action.zoomId, (entry) => ({ ...entry, lookup: 'loading', lookupError: null }));
    case 'lookup/finished':
      return update(state, action.zoomId, (entry) => {
        const lookups = entry.lookups + 1;
        if (!action.detail) return { ...entry, lookup: 'not_seen', lookups };
        return { ...entry, lookup: 'found', lookups, detail: newerDetail(entry.detail, action.detail) };
      });
    case 'lookup/failed':
      return update(state, action.zoomId, (entry) => ({
        ...entry,
        lookup: 'error',
        lookupError: action.error,
        lookups: entry.lookups + 1,
      }));
    case 'lookup/retry':
      return update(state, action.zoomId, (entry) => ({ ...entry, lookup: 'idle', lookupError: null }));
    case 'detail/received':
      return update(state, action.detail.engagement.zoomEngagementId, (entry) =>
        newerDetail(entry.detail, action.detail) === entry.detail ? entry : { ...entry, detail: action.detail, lookup: 'found' },
      );
    case 'history/started':
      return update(state, action.zoomId, (entry) => ({
        ...entry,
        history: { ...entry.history, state: 'loading', error: null },
      }));
    case 'history/loaded':
      return update(state, action.zoomId, (entry) => ({
        ...entry,
        history: { state: 'ready', items: action.items, error: null },
      }));
    case 'history/failed':
      return update(state, action.zoomId, (entry) => ({
        ...entry,
        history: { ...entry.history, state: 'error', error: action.error },
      }));
    case 'history/retry':
      return update(state, action.zoomId, (entry) => ({
        ...entry,
        history: { ...entry.history, state: 'idle', error: null },
      }));
    case 'draft/started':
      return update(state, action.zoomId, (entry) => {
        const summary = entry.detail?.summary;
        if (!summary?.content) return entry;
        return {
          ...entry,
          draft: { baseVersion: summary.currentVersion, content: structuredClone(summary.content) },
          notice: null,
        };
      });
    case 'draft/changed':
      return update(state, action.zoomId, (entry) =>
        entry.draft ? { ...entry, draft: { ...entry.draft, content: action.content } } : entry,
      );
    case 'draft/discarded':
      return update(state, action.zoomId, (entry) => ({ ...entry, draft: null }));
    case 'notice/set':
      return update(state, action.zoomId, (entry) => ({ ...entry, notice: action.notice }));
  }
}

export type EngagementPhase = 'in_call' | 'after_call';

/** Zoom's state wins; without it, what the server knows (an end time) decides. */
export function engagementPhase(entry: EngagementEntry): EngagementPhase {
  const state = entry.status.state;
  if (state === 'wrap-up' || state === 'end') return 'after_call';
  if (state === 'active' || state === 'inactive') return 'in_call';
  return entry.detail?.engagement.endedAt ? 'after_call' : 'in_call';
}

export function activeEntry(state: PanelState): EngagementEntry | null {
  return state.activeZoomId ? (state.engagements[state.activeZoomId] ?? null) : null;
}

/** The customer as best we know them: Zoom's live data first, then what CallRecap stored. */
export function customerOf(entry: EngagementEntry): {
  name: string | null;
  number: string | null;
  email: string | null;
} {
  const consumer = entry.status.consumers?.[0];
  const engagement = entry.detail?.engagement;
  return {
    name: consumer?.name ?? null,
    number: consumer?.number ?? engagement?.consumerNumber ?? null,
    email: consumer?.email ?? engagement?.consumerEmail ?? null,
  };
}
