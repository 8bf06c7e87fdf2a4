import { Router } from 'express';
import { withOrg } from '../../db/tenant';
import { engagementListQuerySchema, type EngagementList } from '../contract/api';
import { requireUser } from '../auth/current-user';
import type { Services } from '../services';
import { listEngagements } from './queries';

export function engagementRoutes(services: Services): Router {
  const router = Router();

  router.get('/api/engagements', async (req, res) => {
    const auth = requireUser(req);
    const query = engagementListQuerySchema.parse(req.query);
    const page: EngagementList = await withOrg(services.db, auth.orgId, (tx) => listEngagements(tx, auth, query));
    res.json(page);
  });

  return router;
}
