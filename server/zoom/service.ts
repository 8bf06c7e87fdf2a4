import { and, desc, eq, sql } from 'drizzle-orm';
import { notifications, oauthCredentials, organizations, users } from '../../db/schema';
import { withOrg, type Tx } from '../../db/tenant';
import { recordAudit } from '../audit/audit-log';
import { endSessionsOfOrg } from '../http/session-store';
import { findOrCreateOrg, findOrgByZoomAccount, upsertUser, type User } from '../orgs/organizations';
import type { Services } from '../services';
import { createZoomApiClient, type ZoomApiClient } from './api-client';
import { ZoomNotFoundError, ZoomOAuthError } from './errors';
import { createZoomOAuthClient, type ZoomOAuthClient, type ZoomTokens } from './oauth';
import { callRecapRole } from './roles';

/** Refresh this long before expiry, so a token never dies mid-request. */
const REFRESH_MARGIN_MS = 5 * 60_000;

export class ZoomReauthorizationRequired extends Error {
  constructor(readonly orgId: string) {
    super('Zoom access for this organization needs to be re-authorized by an admin.');
    this.name = 'ZoomReauthorizationRequired';
  }
}

export function zoomOAuthClient(services: Services): ZoomOAuthClient {
  const { zoom } = services.config;
  return createZoomOAuthClient({ oauthBaseUrl: zoom.oauthBaseUrl, clientId: zoom.clientId, clientSecret: zoom.clientSecret, clock: services.clock });
}

export function zoomRedirectUri(services: Services): string {
  return `${services.config.publicUrl}/auth/zoom/callback`;
}

export async function saveTokens(tx: Tx, services: Services, input: { orgId: string; userId: string; zoomUserId: string; tokens: ZoomTokens }) {
  const values = {
    accessTokenEnc: services.secrets.encrypt(input.tokens.accessToken),
    refreshTokenEnc: services.secrets.encrypt(input.tokens.refreshToken),
    keyId: services.secrets.currentKeyId,
    expiresAt: input.tokens.expiresAt,
    scope: input.tokens.scopes.join(' '),
    status: 'active' as const,
    statusReason: null,
    updatedAt: services.clock.now(),
  };
  await tx
    .insert(oauthCredentials)
    .values({ orgId: input.orgId, provider: 'zoom', subject: input.zoomUserId, userId: input.userId, ...values })
    .onConflictDoUpdate({ target: [oauthCredentials.orgId, oauthCredentials.provider, oauthCredentials.subject], set: { ...values, userId: input.userId } });
}

/**
 * After Zoom's OAuth: who is this (users/me and their Contact Center role), which organization
 * (by Zoom account; created on first install), and keep their tokens encrypted.
 */
export async function completeZoomSignIn(services: Services, tokens: ZoomTokens): Promise<User> {
  const api = createZoomApiClient({
    accountId: 'sign-in',
    baseUrl: services.config.zoom.apiBaseUrl,
    getAccessToken: () => Promise.resolve(tokens.accessToken),
  });
  const me = await api.getMe();
  const contactCenterRole = await api
    .getContactCenterUser(me.id)
    .then((user) => user.roleName ?? null)
    .catch((error: unknown) => {
      if (error instanceof ZoomNotFoundError) return null;
      throw error;
    });
  const existingOrg = await findOrgByZoomAccount(services.db, me.accountId);
  const org = existingOrg ?? (await findOrCreateOrg(services.db, { zoomAccountId: me.accountId, name: `${me.displayName}'s team` }));
  const now = services.clock.now();

  return withOrg(services.db, org.id, async (tx) => {
    const [existing] = await tx.select().from(users).where(eq(users.zoomUserId, me.id)).limit(1);
    const [anyone] = await tx.select({ id: users.id }).from(users).limit(1);
    // The first person to install is the organization's admin; later, CallRecap's role (which admins
    // can change in settings) wins over the Contact Center mapping.
    const role =
      existing?.role ??
      callRecapRole({ contactCenterRoleName: contactCenterRole, accountRoleName: me.accountRoleName, accountRoleId: me.accountRoleId, isInstaller: !anyone });
    const user = await upsertUser(tx, { orgId: org.id, zoomUserId: me.id, name: me.displayName, email: me.email, role, contactCenterRole, now });
    if (user.role !== role) await tx.update(users).set({ role }).where(eq(users.id, user.id));
    await saveTokens(tx, services, { orgId: org.id, userId: user.id, zoomUserId: me.id, tokens });
    if (org.zoomDeauthorizedAt) {
      await tx.update(organizations).set({ zoomDeauthorizedAt: null, updatedAt: now }).where(eq(organizations.id, org.id));
      await recordAudit(tx, { orgId: org.id, actorUserId: user.id, actorLabel: user.name, action: 'zoom.reauthorized' });
    }
    return { ...user, role };
  });
}

/**
 * A usable access token for the organization's Zoom API calls, from an admin's grant when there is
 * one. Refreshes under a row lock, and saves the rotated refresh token before the new access token
 * is used: Zoom invalidates the old refresh token the moment it issues a new one.
 */
export async function zoomAccessToken(services: Services, orgId: string): Promise<string> {
  const pick = (tx: Tx, lock: boolean) => {
    const query = tx
      .select({ credential: oauthCredentials })
      .from(oauthCredentials)
      .leftJoin(users, eq(users.id, oauthCredentials.userId))
      .where(and(eq(oauthCredentials.provider, 'zoom'), eq(oauthCredentials.status, 'active')))
      .orderBy(sql`case ${users.role} when 'admin' then 0 when 'supervisor' then 1 else 2 end`, desc(oauthCredentials.updatedAt))
      .limit(1);
    return lock ? query.for('update', { of: oauthCredentials }) : query;
  };
  const fresh = (expiresAt: Date | null) => expiresAt !== null && expiresAt.getTime() - REFRESH_MARGIN_MS > services.clock.now().getTime();

  const [current] = await withOrg(services.db, orgId, (tx) => pick(tx, false));
  if (!current) throw new ZoomReauthorizationRequired(orgId);
  if (fresh(current.credential.expiresAt)) return services.secrets.decrypt(current.credential.accessTokenEnc);

  const outcome = await withOrg(services.db, orgId, async (tx): Promise<{ token?: string; invalid?: string }> => {
    const [locked] = await pick(tx, true);
    if (!locked) return {};
    const credential = locked.credential;
    // Another process may have refreshed while we waited for the lock.
    if (fresh(credential.expiresAt)) return { token: services.secrets.decrypt(credential.accessTokenEnc) };
    if (!credential.refreshTokenEnc) return { invalid: credential.id };
    try {
      const tokens = await zoomOAuthClient(services).refreshToken(services.secrets.decrypt(credential.refreshTokenEnc));
      await tx
        .update(oauthCredentials)
        .set({
          accessTokenEnc: services.secrets.encrypt(tokens.accessToken),
          refreshTokenEnc: services.secrets.encrypt(tokens.refreshToken),
          keyId: services.secrets.currentKeyId,
          expiresAt: tokens.expiresAt,
          scope: tokens.scopes.join(' '),
          updatedAt: services.clock.now(),
        })
        .where(eq(oauthCredentials.id, credential.id));
      return { token: tokens.accessToken };
    } catch (error) {
      if (error instanceof ZoomOAuthError && error.kind === 'invalid_grant') return { invalid: credential.id };
      throw error;
    }
  });
  if (outcome.token !== undefined) return outcome.token;
  if (outcome.invalid !== undefined) {
    await markZoomReauthRequired(services, orgId, outcome.invalid);
    // Another admin's grant may still work.
    return zoomAccessToken(services, orgId);
  }
  throw new ZoomReauthorizationRequired(orgId);
}

async function markZoomReauthRequired(services: Services, orgId: string, credentialId: string): Promise<void> {
  await withOrg(services.db, orgId, async (tx) => {
    await tx
      .update(oauthCredentials)
      .set({ status: 'reauth_required', statusReason: 'Zoom rejected the refresh token (invalid_grant).', updatedAt: services.clock.now() })
      .where(eq(oauthCredentials.id, credentialId));
    await tx
      .insert(notifications)
      .values({
        orgId,
        kind: 'zoom_reauth_required',
        audience: 'admin',
        dedupeKey: 'zoom_reauth_required',
        message: 'CallRecap lost access to Zoom. Sign in with Zoom again as an admin to resume fetching transcripts.',
      })
      .onConflictDoNothing();
  });
}

export function zoomApiFor(services: Services, orgId: string, zoomAccountId: string): ZoomApiClient {
  return createZoomApiClient({
    accountId: zoomAccountId,
    baseUrl: services.config.zoom.apiBaseUrl,
    getAccessToken: () => zoomAccessToken(services, orgId),
  });
}

/**
 * The app was removed from the Zoom account: its tokens go at once and its sessions end, but the
 * organization's data stays (the privacy policy promises both), so a reinstall finds it again.
 */
export async function handleZoomDeauthorization(services: Services, zoomAccountId: string): Promise<{ orgId: string | null; tokensDeleted: number }> {
  const org = await findOrgByZoomAccount(services.db, zoomAccountId);
  if (!org) return { orgId: null, tokensDeleted: 0 };
  const now = services.clock.now();
  const deleted = await withOrg(services.db, org.id, async (tx) => {
    const removed = await tx.delete(oauthCredentials).where(eq(oauthCredentials.provider, 'zoom')).returning({ id: oauthCredentials.id });
    await tx.update(organizations).set({ zoomDeauthorizedAt: now, updatedAt: now }).where(eq(organizations.id, org.id));
    await recordAudit(tx, { orgId: org.id, actorUserId: null, actorLabel: 'Zoom', action: 'zoom.deauthorized', details: { tokensDeleted: removed.length } });
    return removed.length;
  });
  await endSessionsOfOrg(services.db, org.id);
  return { orgId: org.id, tokensDeleted: deleted };
}
