import { z } from 'zod';

/** What we keep per HubSpot connection (decrypted), and the app-wide HubSpot settings from config. */

export const hubspotCredentialsSchema = z.object({
  accessToken: z.string().min(1),
  refreshToken: z.string().min(1),
  /** When the access token stops working; HubSpot issues 30-minute tokens. */
  expiresAt: z.coerce.date().optional(),
  /** The HubSpot account ("hub id"); rate limits and record links are per portal. */
  portalId: z.string().regex(/^\d+$/),
});

export const DEFAULT_HUBSPOT_SCOPES = ['oauth', 'crm.objects.contacts.read', 'crm.objects.contacts.write'];

export const hubspotAppSchema = z.object({
  clientId: z.string().min(1),
  clientSecret: z.string().min(1),
  redirectUri: z.string().url(),
  /** REST API host; the fake's URL in tests. */
  apiBaseUrl: z.string().url().default('https://api.hubapi.com'),
  /** Where users sign in and records are shown. */
  appBaseUrl: z.string().url().default('https://app.hubspot.com'),
  scopes: z.array(z.string().min(1)).min(1).default(DEFAULT_HUBSPOT_SCOPES),
});

export type HubSpotCredentials = z.infer<typeof hubspotCredentialsSchema>;
export type HubSpotApp = z.infer<typeof hubspotAppSchema>;
export type HubSpotAppInput = z.input<typeof hubspotAppSchema>;

export function trimSlash(url: string): string {
  return url.replace(/\/+$/, '');
}

export function contactUrl(app: HubSpotApp, portalId: string, contactId: string): string {
  return `${trimSlash(app.appBaseUrl)}/contacts/${portalId}/record/0-1/${contactId}`;
}

/** 0-48 is HubSpot's object type id for calls. */
export function callUrl(app: HubSpotApp, portalId: string, callId: string): string {
  return `${trimSlash(app.appBaseUrl)}/contacts/${portalId}/record/0-48/${callId}`;
}
