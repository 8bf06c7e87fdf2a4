/**
 * The slice of the Zoom Apps SDK the panel calls, by the SDK's own method names, so that either the
 * real SDK object or a test double (window.__CALLRECAP_ZOOM_SDK__) fits. Payloads are typed loosely
 * (unknown) on purpose: zoom-bridge.ts parses them at the edge.
 */
export interface ZoomSdkLike {
  config(options: { capabilities: ZoomCapability[]; timeout?: number }): Promise<unknown>;
  getRunningContext(): Promise<unknown>;
  getEngagementContext(): Promise<unknown>;
  getEngagementStatus(options: { engagementId: string }): Promise<unknown>;
  getAppContext(): Promise<unknown>;
  authorize(options: { codeChallenge: string; state?: string }): Promise<unknown>;
  openUrl(options: { url: string }): Promise<unknown>;
  onEngagementContextChange(handler: (event: unknown) => void): void;
  onEngagementStatusChange(handler: (event: unknown) => void): void;
  onAuthorized(handler: (event: unknown) => void): void;
}

/** Exactly the APIs and events the panel uses (they must also be listed in manifest/manifest.json). */
export const ZOOM_CAPABILITIES = [
  'getRunningContext',
  'getEngagementContext',
  'getEngagementStatus',
  'onEngagementContextChange',
  'onEngagementStatusChange',
  'getAppContext',
  'authorize',
  'onAuthorized',
  'openUrl',
] as const;
export type ZoomCapability = (typeof ZOOM_CAPABILITIES)[number];

declare global {
  interface Window {
    /** Test seam: end-to-end tests inject a double of the Zoom SDK here before the panel loads. */
    __CALLRECAP_ZOOM_SDK__?: ZoomSdkLike;
  }
}

/**
 * The injected double when present, else the real SDK (loaded on demand, in parallel with the session).
 * Boxed: the real SDK answers every property, `then` included, so resolving a promise with it bare
 * would make the promise machinery call it as an API method.
 */
export async function loadZoomSdk(): Promise<{ sdk: ZoomSdkLike }> {
  const injected = window.__CALLRECAP_ZOOM_SDK__;
  if (injected) return { sdk: injected };
  const { default: real } = await import('@zoom/appssdk');
  const sdk: ZoomSdkLike = real;
  return { sdk };
}
