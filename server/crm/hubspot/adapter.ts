import type { CrmAdapter, OnTokensRefreshed } from '../adapter';
import { DEFAULT_PHONE_REGION, type PhoneRegion } from '../phone';
import { findHubSpotCall, logHubSpotCall, updateHubSpotCall } from './calls';
import { createHubSpotContact, findHubSpotContact } from './contacts';
import { revokeHubSpotGrant } from './oauth';
import { sharedHubSpotRateLimits, type HubSpotRateLimits } from './rate-limits';
import { createHubSpotSession } from './session';
import type { HubSpotApp, HubSpotCredentials } from './settings';

export interface HubSpotAdapterOptions {
  app: HubSpotApp;
  onTokensRefreshed?: OnTokensRefreshed;
  /** Per request; HubSpot's SDK cannot abort, so a hung request is abandoned after this. */
  requestTimeoutMs?: number;
  phoneRegion?: PhoneRegion;
  limits?: HubSpotRateLimits;
}

export function createHubSpotAdapter(credentials: HubSpotCredentials, options: HubSpotAdapterOptions): CrmAdapter {
  const region = options.phoneRegion ?? DEFAULT_PHONE_REGION;
  const session = createHubSpotSession({
    app: options.app,
    credentials,
    limits: options.limits ?? sharedHubSpotRateLimits,
    requestTimeoutMs: options.requestTimeoutMs ?? 20_000,
    onTokensRefreshed: options.onTokensRefreshed,
  });
  return {
    kind: 'hubspot',
    findContact: (query) => findHubSpotContact(session, query, region),
    createContact: (contact) => createHubSpotContact(session, contact),
    logCall: (call) => logHubSpotCall(session, call),
    updateCall: (ref, call) => updateHubSpotCall(session, ref, call),
    findCallByExternalId: (engagementId) => findHubSpotCall(session, engagementId),
    revoke: () => revokeHubSpotGrant(options.app, session.currentRefreshToken()),
  };
}
