import { Router } from 'express';
import { withOrg } from '../../db/tenant';
import { requireUser, signedIn } from '../auth/current-user';
import { notFound } from '../http/errors';
import type { Services } from '../services';
import { resourceId } from '../settings/resource-id';
import { dismissNotification, listNotifications } from './notify';

/** The bell: what needs attention (CRM or Zoom to reconnect, a plan limit reached), by role. */
export function notificationRoutes(services: Services): Router {
  const router = Router();

  router.get('/api/notifications', signedIn, async (req, res) => {
    const auth = requireUser(req);
    res.json({ items: await withOrg(services.db, auth.orgId, (tx) => listNotifications(tx, auth.role)) });
  });

  router.post('/api/notifications/:id/dismiss', signedIn, async (req, res) => {
    const auth = requireUser(req);
    const id = resourceId(req, 'notification');
    const found = await withOrg(services.db, auth.orgId, (tx) => dismissNotification(tx, auth.role, id));
    if (!found) throw notFound('No such notification.');
    res.status(204).end();
  });

  return router;
}
