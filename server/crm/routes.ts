import { randomBytes } from 'node:crypto';
import { eq } from 'drizzle-orm';
import { Router } from 'express';
import { z } from 'zod';
import { crmConnections, users } from '../../db/schema';
import { withOrg } from '../../db/tenant';
import type { IntegrationView } from '../contract/api';
import { recordAudit } from '../audit/audit-log';
import { requireRole, requireUser } from '../auth/current-user';
import { notFound } from '../http/errors';
import { saveSession } from '../http/session';
import type { Services } from '../services';
import { crmKindSchema, type CrmKind } from './adapter';
import {
  crmApps,
  decryptCredentials,
  deleteCrmConnection,
  loadCrmConnection,
  saveCrmConnection,
} from './connections';
import { CrmError, CrmUnavailableError } from './errors';
import { completeCrmAuthorization, startCrmAuthorization } from './registry';
import { defaultAdapterFactory } from './sync';

const CONNECT_TTL_MS = 10 * 60_000;
const NAMES: Record<CrmKind, string> = { hubspot: 'HubSpot', salesforce: 'Salesforce' };
const environmentSchema = z.enum(['production', 'sandbox']).catch('production');

/** Settings > Integrations: connect with the CRM's OAuth, see the status, disconnect (revoking at the CRM). */
export function crmRoutes(services: Services): Router {
  const router = Router();
  const back = (query: string) => `/app/settings/integrations?${query}`;

  router.get('/api/integrations', requireRole('admin'), async (req, res) => {
    const auth = requireUser(req);
    const apps = crmApps(services.config);
    const rows = await withOrg(services.db, auth.orgId, (tx) =>
      tx
        .select({ connection: crmConnections, connectedBy: users.name })
        .from(crmConnections)
        .leftJoin(users, eq(users.id, crmConnections.connectedBy)),
    );
    const items: IntegrationView[] = crmKindSchema.options.map((kind) => {
      const row = rows.find((r) => r.connection.kind === kind);
      return {
        kind,
        available: Boolean(apps[kind]),
        connection: row
          ? {
              status: row.connection.status,
              statusReason: row.connection.statusReason,
              externalAccountId: row.connection.externalAccountId,
              environment: row.connection.environment,
              connectedAt: row.connection.connectedAt.toISOString(),
              connectedBy: row.connectedBy,
            }
          : null,
      };
    });
    res.json({ items });
  });

  router.get('/auth/crm/:kind/connect', requireRole('admin'), async (req, res) => {
    const kind = crmKindSchema.safeParse(req.params.kind);
    if (!kind.success) throw notFound('No such CRM.');
    const apps = crmApps(services.config);
    if (!apps[kind.data]) {
      res.redirect(
        302,
        back(`error=${encodeURIComponent(`${NAMES[kind.data]} is not configured on this server.`)}`),
      );
      return;
    }
    const environment = environmentSchema.parse(req.query.environment);
    const state = randomBytes(24).toString('base64url');
    const started = startCrmAuthorization(kind.data, apps, { state, sandbox: environment === 'sandbox' });
    req.session.crmOauth = {
      state,
      kind: kind.data,
      environment,
      startedAt: services.clock.now().getTime(),
      ...(started.codeVerifier ? { codeVerifier: started.codeVerifier } : {}),
    };
    await saveSession(req);
    res.redirect(302, started.url);
  });

  router.get('/auth/crm/:kind/callback', requireRole('admin'), async (req, res) => {
    const auth = requireUser(req);
    const pending = req.session.crmOauth;
    req.session.crmOauth = undefined;
    const kind = crmKindSchema.safeParse(req.params.kind);
    const valid =
      kind.success &&
      pending?.kind === kind.data &&
      pending.state === req.query.state &&
      services.clock.now().getTime() - pending.startedAt < CONNECT_TTL_MS;
    if (!valid || !kind.success || !pending) {
      res.redirect(
        302,
        back(
          `error=${encodeURIComponent('The connection attempt expired or was not started here. Try again.')}`,
        ),
      );
      return;
    }
    if (typeof req.query.error === 'string' || typeof req.query.code !== 'string') {
      res.redirect(302, back(`error=${encodeURIComponent(`${NAMES[kind.data]} did not grant access.`)}`));
      return;
    }
    let grant: Awaited<ReturnType<typeof completeCrmAuthorization>>;
    try {
      grant = await completeCrmAuthorization(kind.data, crmApps(services.config), {
        code: req.query.code,
        sandbox: pending.environment === 'sandbox',
        ...(pending.codeVerifier ? { codeVerifier: pending.codeVerifier } : {}),
      });
    } catch (error) {
      // The admin is mid-redirect in a browser: a JSON error page would strand them, so go back to settings with the reason.
      if (!(error instanceof CrmError)) throw error;
      req.log.warn({ err: error, crm: kind.data }, 'CRM code exchange failed');
      const reason =
        error instanceof CrmUnavailableError
          ? `${NAMES[kind.data]} is not answering right now. Try again in a few minutes.`
          : `${NAMES[kind.data]} refused the authorization. Try connecting again.`;
      await saveSession(req);
      res.redirect(302, back(`error=${encodeURIComponent(reason)}`));
      return;
    }
    await withOrg(services.db, auth.orgId, async (tx) => {
      await saveCrmConnection(tx, services.secrets, {
        orgId: auth.orgId,
        kind: kind.data,
        grant,
        environment: pending.environment,
        userId: auth.userId,
        now: services.clock.now(),
      });
      await recordAudit(tx, {
        orgId: auth.orgId,
        actorUserId: auth.userId,
        actorLabel: auth.name,
        action: 'crm.connected',
        targetType: 'crm',
        targetId: kind.data,
        details: { externalAccountId: grant.externalAccountId, environment: pending.environment },
      });
    });
    await saveSession(req);
    res.redirect(302, back(`connected=${kind.data}`));
  });

  router.delete('/api/integrations/:kind', requireRole('admin'), async (req, res) => {
    const auth = requireUser(req);
    const kind = crmKindSchema.safeParse(req.params.kind);
    if (!kind.success) throw notFound('No such CRM.');
    const loaded = await withOrg(services.db, auth.orgId, (tx) => loadCrmConnection(tx, kind.data));
    if (!loaded) throw notFound(`${NAMES[kind.data]} is not connected.`);
    let revoked = true;
    try {
      const adapter = defaultAdapterFactory(
        services,
        auth.orgId,
        kind.data,
        loaded.credential.id,
        decryptCredentials(services.secrets, loaded.credential),
      );
      await adapter.revoke();
    } catch (error) {
      // The tokens are deleted here regardless; the CRM-side grant may already be gone.
      revoked = false;
      req.log.warn({ err: error, crm: kind.data }, 'CRM revoke failed; deleting our copy anyway');
    }
    await withOrg(services.db, auth.orgId, async (tx) => {
      await deleteCrmConnection(tx, kind.data);
      await recordAudit(tx, {
        orgId: auth.orgId,
        actorUserId: auth.userId,
        actorLabel: auth.name,
        action: 'crm.disconnected',
        targetType: 'crm',
        targetId: kind.data,
        details: { revokedAtCrm: revoked },
      });
    });
    res.status(204).end();
  });

  return router;
}
