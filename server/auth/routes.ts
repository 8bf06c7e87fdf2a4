import { and, asc, eq } from 'drizzle-orm';
import { Router, type Request } from 'express';
import { oauthCredentials, users } from '../../db/schema';
import { withOrg } from '../../db/tenant';
import { demoSignInSchema, type DemoUser, type SessionInfo, type SignOutEverywhereResult } from '../contract/api';
import { recordAudit } from '../audit/audit-log';
import { csrfTokenFor } from '../http/csrf';
import { HttpError } from '../http/errors';
import { destroySession, regenerateSession, saveSession } from '../http/session';
import { endSessionsOfUser } from '../http/session-store';
import { requireUser } from './current-user';
import { findOrgByZoomAccount, getOrg } from '../orgs/organizations';
import { DEMO_ZOOM_ACCOUNT_ID } from '../demo/seed';
import type { Services } from '../services';

/** Starts a fresh session for a user (new id: the old one stops working) and records the sign-in. */
export async function signIn(
  req: Request,
  services: Services,
  user: { id: string; orgId: string; role: 'agent' | 'supervisor' | 'admin'; name: string },
  method: string,
): Promise<void> {
  await regenerateSession(req);
  req.session.userId = user.id;
  req.session.orgId = user.orgId;
  req.session.role = user.role;
  req.session.signedInAt = services.clock.now().getTime();
  csrfTokenFor(req);
  await saveSession(req);
  await withOrg(services.db, user.orgId, (tx) =>
    recordAudit(tx, { orgId: user.orgId, actorUserId: user.id, actorLabel: user.name, action: 'auth.sign_in', details: { method } }),
  );
}

export function authRoutes(services: Services): Router {
  const router = Router();
  const demoEnabled = services.config.demoMode && !services.config.production;

  router.get('/api/session', async (req, res) => {
    const auth = req.auth;
    let body: SessionInfo['org'] = null;
    let user: SessionInfo['user'] = null;
    if (auth) {
      const { org, me, zoomReauthRequired } = await withOrg(services.db, auth.orgId, async (tx) => {
        const org = await getOrg(tx, auth.orgId);
        const [me] = await tx.select().from(users).where(eq(users.id, auth.userId));
        const [reauth] = await tx
          .select({ id: oauthCredentials.id })
          .from(oauthCredentials)
          .where(and(eq(oauthCredentials.provider, 'zoom'), eq(oauthCredentials.status, 'reauth_required')))
          .limit(1);
        return { org, me, zoomReauthRequired: Boolean(reauth) };
      });
      body = {
        id: org.id,
        name: org.name,
        isDemo: org.isDemo,
        deletionScheduledFor: org.deletionScheduledFor?.toISOString() ?? null,
        zoomReauthRequired,
      };
      user = me ? { id: me.id, name: me.name, email: me.email, role: me.role } : null;
    }
    const info: SessionInfo = {
      user,
      org: body,
      csrfToken: csrfTokenFor(req),
      demo: { enabled: demoEnabled },
      summarizer: services.config.openai.apiKey
        ? { provider: 'openai', model: services.config.openai.model }
        : { provider: 'local', model: 'callrecap-offline-1' },
      billing: { enabled: services.config.stripe.enabled },
    };
    // The token must persist for the CSRF check on the next request, even for a signed-out visitor.
    await saveSession(req);
    res.json(info);
  });

  router.post('/auth/sign-out', async (req, res) => {
    const auth = req.auth;
    if (auth) {
      await withOrg(services.db, auth.orgId, (tx) =>
        recordAudit(tx, { orgId: auth.orgId, actorUserId: auth.userId, actorLabel: auth.name, action: 'auth.sign_out' }),
      );
    }
    await destroySession(req);
    res.status(204).end();
  });

  // For a lost laptop or a shared browser: ends every session of this user, on every device, this one too.
  router.post('/auth/sign-out-everywhere', async (req, res) => {
    const auth = requireUser(req);
    const ended = await endSessionsOfUser(services.db, auth.orgId, auth.userId);
    await withOrg(services.db, auth.orgId, (tx) =>
      recordAudit(tx, {
        orgId: auth.orgId,
        actorUserId: auth.userId,
        actorLabel: auth.name,
        action: 'auth.sign_out_everywhere',
        details: { sessions: ended },
      }),
    );
    await destroySession(req);
    const result: SignOutEverywhereResult = { ended };
    res.json(result);
  });

  if (demoEnabled) {
    router.get('/auth/demo/users', async (_req, res) => {
      const org = await findOrgByZoomAccount(services.db, DEMO_ZOOM_ACCOUNT_ID);
      if (!org) {
        res.json({ users: [] });
        return;
      }
      const people = await withOrg(services.db, org.id, (tx) =>
        tx.select({ id: users.id, name: users.name, role: users.role }).from(users).orderBy(asc(users.name)),
      );
      const result: DemoUser[] = people;
      res.json({ users: result });
    });

    router.post('/auth/demo', async (req, res) => {
      const { userId } = demoSignInSchema.parse(req.body);
      const org = await findOrgByZoomAccount(services.db, DEMO_ZOOM_ACCOUNT_ID);
      if (!org) throw new HttpError(404, 'The demo organization has not been seeded.', 'not_found');
      const [user] = await withOrg(services.db, org.id, (tx) =>
        tx.select().from(users).where(and(eq(users.id, userId), eq(users.orgId, org.id))).limit(1),
      );
      if (!user) throw new HttpError(404, 'No such demo user.', 'not_found');
      await signIn(req, services, user, 'demo');
      res.json({ ok: true, csrfToken: csrfTokenFor(req) });
    });
  }
  return router;
}
