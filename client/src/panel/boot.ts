import type { EngagementDetail, SessionInfo } from '../../../server/contract/api';
import { loadSession } from '../shared/api';
import { createPanelApi, type PanelApi } from './api/panel-api';
import { cachedAppContext, createPanelRequest, setPanelCsrfToken } from './api/panel-request';
import {
  startZoom,
  type EngagementContextInfo,
  type EngagementStatusPatch,
  type ZoomBridge,
} from './zoom/zoom-bridge';
import { loadZoomSdk, type ZoomSdkLike } from './zoom/zoom-sdk';

/**
 * Start-up without waterfalls: the session request and the Zoom SDK (load + config) start together
 * before React renders; as soon as Zoom answers we ask for the engagement and the app context in
 * parallel, then its status and CallRecap's record of it in parallel.
 */

export interface ZoomSession {
  bridge: ZoomBridge;
  api: PanelApi;
  alreadyAuthorized: boolean;
  firstEngagement: Promise<EngagementContextInfo | null>;
  firstStatus: Promise<EngagementStatusPatch | null>;
  /** Lookups already started for these Zoom engagement ids (used once, then the panel fetches itself). */
  prefetched: Map<string, Promise<EngagementDetail | null>>;
  /** Subscribe to "the server says we are not signed in (any more)". */
  onSignedOut(listener: () => void): () => void;
}

export type ZoomOutcome =
  | { kind: 'outside'; reason: 'not-zoom' | 'wrong-context' | 'timeout'; detail: string }
  | ({ kind: 'in-contact-center' } & ZoomSession);

export interface PanelBoot {
  session: Promise<SessionInfo>;
  zoom: Promise<ZoomOutcome>;
}

async function connect(session: Promise<SessionInfo>): Promise<ZoomOutcome> {
  let sdk: ZoomSdkLike;
  try {
    ({ sdk } = await loadZoomSdk());
  } catch (error) {
    return {
      kind: 'outside',
      reason: 'not-zoom',
      detail: error instanceof Error ? error.message : String(error),
    };
  }
  const started = await startZoom(sdk);
  if (started.kind === 'outside') return started;
  const { bridge } = started;
  const signedOut = new Set<() => void>();
  const appContext = cachedAppContext(() => bridge.appContext());
  const api = createPanelApi(
    createPanelRequest(appContext, () => signedOut.forEach((listener) => listener())),
  );
  void appContext.get();
  const firstEngagement = bridge.currentEngagement();
  const firstStatus = firstEngagement.then((context) =>
    context ? bridge.engagementStatus(context.engagementId) : null,
  );
  const prefetched = new Map<string, Promise<EngagementDetail | null>>();
  const [info, context] = await Promise.all([session.catch(() => null), firstEngagement]);
  if (info?.user && context) {
    const lookup = api.engagementByZoomId(context.engagementId);
    lookup.catch(() => undefined);
    prefetched.set(context.engagementId, lookup);
  }
  return {
    kind: 'in-contact-center',
    bridge,
    api,
    alreadyAuthorized: started.alreadyAuthorized,
    firstEngagement,
    firstStatus,
    prefetched,
    onSignedOut(listener) {
      signedOut.add(listener);
      return () => signedOut.delete(listener);
    },
  };
}

export function bootPanel(): PanelBoot {
  const session = loadSession().then((info) => {
    setPanelCsrfToken(info.csrfToken);
    return info;
  });
  // The page must never stay blank: a rejected session is shown by the app, not thrown here.
  session.catch(() => undefined);
  return { session, zoom: connect(session) };
}
