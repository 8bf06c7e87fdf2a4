import type { z } from 'zod';
import type { CrmAdapter, CrmKind, OnTokensRefreshed } from './adapter';
import { CrmAuthError } from './errors';
import { createHubSpotAdapter } from './hubspot/adapter';
import { exchangeHubSpotCode, hubspotAuthorizeUrl } from './hubspot/oauth';
import type { HubSpotRateLimits } from './hubspot/rate-limits';
import { hubspotAppSchema, hubspotCredentialsSchema, type HubSpotAppInput, type HubSpotCredentials } from './hubspot/settings';
import type { PhoneRegion } from './phone';
import { createSalesforceAdapter, type SalesforceAdapterOptions } from './salesforce/adapter';
import { createPkcePair, exchangeSalesforceCode, salesforceAuthorizeUrl } from './salesforce/oauth';
import { salesforceAppSchema, salesforceCredentialsSchema, type SalesforceAppInput, type SalesforceCredentials } from './salesforce/settings';

/**
 * The one place that knows the concrete CRMs: adapters and the connect (OAuth) flow, by kind.
 * Everything else works with CrmAdapter and plain credential objects (stored encrypted, as JSON).
 */

export interface CrmApps {
  hubspot?: HubSpotAppInput;
  salesforce?: SalesforceAppInput;
}

export interface CrmAdapterOptions {
  apps: CrmApps;
  /** Called with new tokens after a refresh and awaited before they are used; store them. */
  onTokensRefreshed?: OnTokensRefreshed;
  requestTimeoutMs?: number;
  phoneRegion?: PhoneRegion;
  salesforce?: Pick<SalesforceAdapterOptions, 'createAs' | 'leadCompany' | 'timeZone'>;
  /** Tests use their own; production shares one per process. */
  hubspotLimits?: HubSpotRateLimits;
}

export type CrmCredentials = HubSpotCredentials | SalesforceCredentials;

function requireApp<T>(kind: CrmKind, app: T | undefined): T {
  if (!app) throw new Error(`${kind} is not configured (client id, secret and redirect URI are missing).`);
  return app;
}

function parseStored<T>(kind: CrmKind, schema: z.ZodType<T>, raw: unknown): T {
  const parsed = schema.safeParse(raw);
  // A broken stored record cannot be repaired by retrying; the user reconnects.
  if (!parsed.success) throw new CrmAuthError(`The stored ${kind} connection is incomplete; reconnect ${kind}.`);
  return parsed.data;
}

/** Stored (decrypted) credentials, checked against the schema of their CRM. */
export function parseCrmCredentials(kind: CrmKind, raw: unknown): CrmCredentials {
  return kind === 'hubspot' ? parseStored(kind, hubspotCredentialsSchema, raw) : parseStored(kind, salesforceCredentialsSchema, raw);
}

export function createCrmAdapter(kind: CrmKind, credentials: unknown, options: CrmAdapterOptions): CrmAdapter {
  const shared = { onTokensRefreshed: options.onTokensRefreshed, requestTimeoutMs: options.requestTimeoutMs, phoneRegion: options.phoneRegion };
  if (kind === 'hubspot') {
    const app = hubspotAppSchema.parse(requireApp(kind, options.apps.hubspot));
    return createHubSpotAdapter(parseStored(kind, hubspotCredentialsSchema, credentials), { ...shared, app, limits: options.hubspotLimits });
  }
  const app = salesforceAppSchema.parse(requireApp(kind, options.apps.salesforce));
  return createSalesforceAdapter(parseStored(kind, salesforceCredentialsSchema, credentials), { ...shared, ...options.salesforce, app });
}

export interface CrmAuthorizationStart {
  url: string;
  /** PKCE verifier to keep in the user's session until the callback (Salesforce). */
  codeVerifier?: string;
}

export interface CrmAuthorizationRequest {
  state: string;
  /** Salesforce sandboxes sign in at test.salesforce.com. */
  sandbox?: boolean;
}

export function startCrmAuthorization(kind: CrmKind, apps: CrmApps, request: CrmAuthorizationRequest): CrmAuthorizationStart {
  if (kind === 'hubspot') return { url: hubspotAuthorizeUrl(hubspotAppSchema.parse(requireApp(kind, apps.hubspot)), request.state) };
  const app = salesforceAppSchema.parse(requireApp(kind, apps.salesforce));
  const pkce = createPkcePair();
  const environment = request.sandbox ? 'sandbox' : 'production';
  return { url: salesforceAuthorizeUrl(app, { environment, state: request.state, codeChallenge: pkce.challenge }), codeVerifier: pkce.verifier };
}

export interface CrmGrant {
  credentials: CrmCredentials;
  /** The CRM account connected: HubSpot portal id or Salesforce organization id. */
  externalAccountId: string;
}

export async function completeCrmAuthorization(
  kind: CrmKind,
  apps: CrmApps,
  callback: { code: string; sandbox?: boolean; codeVerifier?: string },
): Promise<CrmGrant> {
  if (kind === 'hubspot') {
    const installation = await exchangeHubSpotCode(hubspotAppSchema.parse(requireApp(kind, apps.hubspot)), callback.code);
    const { accessToken, refreshToken, expiresAt, portalId } = installation;
    return { credentials: { accessToken, refreshToken, expiresAt, portalId }, externalAccountId: portalId };
  }
  const app = salesforceAppSchema.parse(requireApp(kind, apps.salesforce));
  const environment = callback.sandbox ? 'sandbox' : 'production';
  const credentials = await exchangeSalesforceCode(app, { environment, code: callback.code, codeVerifier: callback.codeVerifier });
  return { credentials, externalAccountId: credentials.organizationId ?? credentials.instanceUrl };
}
