import { eq } from 'drizzle-orm';
import { Router } from 'express';
import { users } from '../../db/schema';
import { withOrgPair, type Tx } from '../../db/tenant';
import type { AnalyticsReport } from '../contract/api';
import { requireRole, requireUser, type AuthContext } from '../auth/current-user';
import { notFound } from '../http/errors';
import type { Services } from '../services';
import { analyticsCsv } from './csv';
import { parseCsvQuery, parsePeriod, type Period } from './period';
import { analyticsReport } from './queries';

/** An agent filter must name a user of this organization; anyone else's id is "not found", not an empty report. */
async function assertAgentOfOrg(tx: Tx, agentId: string | undefined): Promise<void> {
  if (!agentId) return;
  const [user] = await tx.select({ id: users.id }).from(users).where(eq(users.id, agentId)).limit(1);
  if (!user) throw notFound('No such agent.');
}

async function loadReport(services: Services, auth: AuthContext, period: Period): Promise<AnalyticsReport> {
  return withOrgPair(services.db, auth.orgId, async (first, second) => {
    await assertAgentOfOrg(first, period.agentId);
    return analyticsReport(first, second, auth.orgId, period);
  });
}

/** Team performance for supervisors and admins: the report as JSON, and each of its tables as CSV. */
export function analyticsRoutes(services: Services): Router {
  const router = Router();

  router.get('/api/analytics', requireRole('supervisor'), async (req, res) => {
    const auth = requireUser(req);
    res.json(await loadReport(services, auth, parsePeriod(req.query)));
  });

  router.get('/api/analytics.csv', requireRole('supervisor'), async (req, res) => {
    const auth = requireUser(req);
    const { period, report } = parseCsvQuery(req.query);
    const file = analyticsCsv(await loadReport(services, auth, period), report);
    res.setHeader('Content-Type', 'text/csv; charset=utf-8');
    res.setHeader('Content-Disposition', `attachment; filename="${file.filename}"`);
    res.send(file.body);
  });

  return router;
}
