import { and, eq } from 'drizzle-orm';
import { crmConnections, notifications, oauthCredentials } from '../../db/schema';
import type { Tx } from '../../db/tenant';
import type { Config } from '../config';
import type { SecretBox } from '../crypto/secrets';
import type { CrmKind, RefreshedCrmTokens } from './adapter';
import type { CrmApps, CrmCredentials, CrmGrant } from './registry';

/** The CRM OAuth apps this deployment has, from config; a CRM without one cannot be connected. */
export function crmApps(config: Config): CrmApps {
  const apps: CrmApps = {};
  if (config.hubspot.clientId && config.hubspot.clientSecret) {
    apps.hubspot = {
      clientId: config.hubspot.clientId,
      clientSecret: config.hubspot.clientSecret,
      redirectUri: `${config.publicUrl}/auth/crm/hubspot/callback`,
      ...(config.hubspot.apiBaseUrl ? { apiBaseUrl: config.hubspot.apiBaseUrl } : {}),
      ...(config.hubspot.oauthBaseUrl ? { appBaseUrl: config.hubspot.oauthBaseUrl } : {}),
    };
  }
  if (config.salesforce.clientId && config.salesforce.clientSecret) {
    apps.salesforce = {
      clientId: config.salesforce.clientId,
      clientSecret: config.salesforce.clientSecret,
      redirectUri: `${config.publicUrl}/auth/crm/salesforce/callback`,
      loginUrl: config.salesforce.loginUrl,
      sandboxLoginUrl: config.salesforce.sandboxLoginUrl,
    };
  }
  return apps;
}

export type CrmConnection = typeof crmConnections.$inferSelect;
type Credential = typeof oauthCredentials.$inferSelect;

/** Splits a grant into encrypted secrets and plain details: tokens never sit in a column unencrypted. */
function credentialColumns(secrets: SecretBox, credentials: CrmCredentials) {
  const { accessToken, refreshToken, ...rest } = credentials;
  const details: Record<string, string> = {};
  let expiresAt: Date | null = null;
  let instanceUrl: string | null = null;
  for (const [key, value] of Object.entries(rest)) {
    if (value === undefined) continue;
    if (key === 'expiresAt') expiresAt = value instanceof Date ? value : new Date(String(value));
    else if (key === 'instanceUrl') instanceUrl = String(value);
    else details[key] = String(value);
  }
  return {
    accessTokenEnc: secrets.encrypt(accessToken),
    refreshTokenEnc: secrets.encrypt(refreshToken),
    keyId: secrets.currentKeyId,
    expiresAt,
    instanceUrl,
    details,
  };
}

/** The decrypted grant, in the shape the CRM's adapter takes. */
export function decryptCredentials(secrets: SecretBox, credential: Credential): Record<string, unknown> {
  return {
    ...credential.details,
    accessToken: secrets.decrypt(credential.accessTokenEnc),
    refreshToken: credential.refreshTokenEnc ? secrets.decrypt(credential.refreshTokenEnc) : undefined,
    ...(credential.expiresAt ? { expiresAt: credential.expiresAt } : {}),
    ...(credential.instanceUrl ? { instanceUrl: credential.instanceUrl } : {}),
  };
}

/** One connection per CRM per organization: connecting again replaces the grant. */
export async function saveCrmConnection(
  tx: Tx,
  secrets: SecretBox,
  input: { orgId: string; kind: CrmKind; grant: CrmGrant; environment: 'production' | 'sandbox'; userId: string; now: Date },
): Promise<CrmConnection> {
  const columns = credentialColumns(secrets, input.grant.credentials);
  await tx.delete(oauthCredentials).where(and(eq(oauthCredentials.orgId, input.orgId), eq(oauthCredentials.provider, input.kind)));
  const [credential] = await tx
    .insert(oauthCredentials)
    .values({ orgId: input.orgId, provider: input.kind, subject: input.grant.externalAccountId, userId: input.userId, ...columns })
    .returning({ id: oauthCredentials.id });
  const values = {
    credentialId: credential!.id,
    externalAccountId: input.grant.externalAccountId,
    environment: input.environment,
    status: 'connected' as const,
    statusReason: null,
    connectedBy: input.userId,
    connectedAt: input.now,
    updatedAt: input.now,
  };
  const [connection] = await tx
    .insert(crmConnections)
    .values({ orgId: input.orgId, kind: input.kind, ...values })
    .onConflictDoUpdate({ target: [crmConnections.orgId, crmConnections.kind], set: values })
    .returning();
  await tx.delete(notifications).where(eq(notifications.dedupeKey, `crm_reauth_required:${input.kind}`));
  return connection!;
}

export async function loadCrmConnection(tx: Tx, kind: CrmKind): Promise<{ connection: CrmConnection; credential: Credential } | null> {
  const [row] = await tx
    .select({ connection: crmConnections, credential: oauthCredentials })
    .from(crmConnections)
    .innerJoin(oauthCredentials, eq(oauthCredentials.id, crmConnections.credentialId))
    .where(eq(crmConnections.kind, kind))
    .limit(1);
  return row ?? null;
}

/** Stores refreshed tokens (re-encrypted) before anything uses them: a rotated refresh token must not be lost. */
export async function storeRefreshedTokens(tx: Tx, secrets: SecretBox, credentialId: string, tokens: RefreshedCrmTokens, now: Date): Promise<void> {
  await tx
    .update(oauthCredentials)
    .set({
      accessTokenEnc: secrets.encrypt(tokens.accessToken),
      ...(tokens.refreshToken ? { refreshTokenEnc: secrets.encrypt(tokens.refreshToken) } : {}),
      ...(tokens.expiresAt ? { expiresAt: tokens.expiresAt } : {}),
      ...(tokens.instanceUrl ? { instanceUrl: tokens.instanceUrl } : {}),
      keyId: secrets.currentKeyId,
      updatedAt: now,
    })
    .where(eq(oauthCredentials.id, credentialId));
}

export async function markCrmReauthRequired(tx: Tx, input: { orgId: string; kind: CrmKind; reason: string; now: Date }): Promise<void> {
  await tx
    .update(crmConnections)
    .set({ status: 'reauth_required', statusReason: input.reason, updatedAt: input.now })
    .where(eq(crmConnections.kind, input.kind));
  const name = input.kind === 'hubspot' ? 'HubSpot' : 'Salesforce';
  await tx
    .insert(notifications)
    .values({
      orgId: input.orgId,
      kind: 'crm_reauth_required',
      audience: 'admin',
      dedupeKey: `crm_reauth_required:${input.kind}`,
      message: `${name} stopped accepting CallRecap's access (${input.reason}). Reconnect it in Settings > Integrations.`,
    })
    .onConflictDoNothing();
}

export async function deleteCrmConnection(tx: Tx, kind: CrmKind): Promise<void> {
  await tx.delete(crmConnections).where(eq(crmConnections.kind, kind));
  await tx.delete(oauthCredentials).where(eq(oauthCredentials.provider, kind));
}
