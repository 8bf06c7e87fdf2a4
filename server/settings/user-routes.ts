import { Router } from 'express';
import { withOrg } from '../../db/tenant';
import { roleChangeSchema } from '../contract/api';
import { requireRole, requireUser } from '../auth/current-user';
import { destroySession } from '../http/session';
import { endSessionsOfUser } from '../http/session-store';
import type { Services } from '../services';
import { resourceId } from './resource-id';
import { changeRole, listUserViews } from './users';

/** The organization's people and their CallRecap roles (admins only). */
export function userRoutes(services: Services): Router {
  const router = Router();

  router.get('/api/users', requireRole('admin'), async (req, res) => {
    const auth = requireUser(req);
    res.json({ items: await withOrg(services.db, auth.orgId, (tx) => listUserViews(tx)) });
  });

  router.put('/api/users/:id/role', requireRole('admin'), async (req, res) => {
    const auth = requireUser(req);
    const userId = resourceId(req, 'user');
    const { role } = roleChangeSchema.parse(req.body);
    const { user, changed } = await withOrg(services.db, auth.orgId, (tx) => changeRole(tx, auth, userId, role));
    if (changed) {
      // Signed-in sessions were granted under the old role: end them, so the user signs in again with the new one.
      await endSessionsOfUser(services.db, auth.orgId, userId);
      // Our own session is among them when we changed our own role; do not let this response save it back.
      if (userId === auth.userId) await destroySession(req);
    }
    res.json(user);
  });

  return router;
}
