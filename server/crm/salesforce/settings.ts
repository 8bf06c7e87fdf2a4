import { z } from 'zod';

/** What we keep per Salesforce connection (decrypted), and the app-wide Salesforce settings from config. */

export const salesforceCredentialsSchema = z.object({
  accessToken: z.string().min(1),
  refreshToken: z.string().min(1),
  instanceUrl: z.string().url(),
  /** The login host that issued the grant (production, sandbox or My Domain); refresh and revoke go there. */
  loginUrl: z.string().url(),
  organizationId: z.string().optional(),
  userId: z.string().optional(),
});

export const salesforceAppSchema = z.object({
  clientId: z.string().min(1),
  clientSecret: z.string().min(1),
  redirectUri: z.string().url(),
  loginUrl: z.string().url().default('https://login.salesforce.com'),
  sandboxLoginUrl: z.string().url().default('https://test.salesforce.com'),
  /** jsforce defaults to API 50.0; pin a current one. */
  apiVersion: z.string().regex(/^\d+\.\d$/).default('62.0'),
  scopes: z.array(z.string().min(1)).min(1).default(['api', 'refresh_token']),
});

export const salesforceEnvironmentSchema = z.enum(['production', 'sandbox']);

export type SalesforceCredentials = z.infer<typeof salesforceCredentialsSchema>;
export type SalesforceApp = z.infer<typeof salesforceAppSchema>;
export type SalesforceAppInput = z.input<typeof salesforceAppSchema>;
export type SalesforceEnvironment = z.infer<typeof salesforceEnvironmentSchema>;

export function loginUrlFor(app: SalesforceApp, environment: SalesforceEnvironment): string {
  return environment === 'sandbox' ? app.sandboxLoginUrl : app.loginUrl;
}

export type SalesforceObject = 'Contact' | 'Lead' | 'Task';

export function recordUrl(instanceUrl: string, object: SalesforceObject, id: string): string {
  return `${instanceUrl.replace(/\/+$/, '')}/lightning/r/${object}/${id}/view`;
}
