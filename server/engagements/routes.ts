import { and, eq } from 'drizzle-orm';
import { Router, type Request } from 'express';
import { engagements } from '../../db/schema';
import { withOrg, type Tx } from '../../db/tenant';
import { engagementListQuerySchema, type EngagementDetail, type EngagementList, type EngagementUpdateEvent } from '../contract/api';
import { requireUser, type AuthContext } from '../auth/current-user';
import { notFound } from '../http/errors';
import type { Services } from '../services';
import { engagementDetail } from '../summaries/repository';
import { LiveUpdates } from './live-updates';
import { listEngagements, visibleTo, customerHistory } from './queries';
import { engagementsCsv } from './csv';

/** The engagement by id if this user may see it; 404 otherwise (never 403: ids are not confirmed). */
export async function visibleEngagementId(tx: Tx, auth: AuthContext, id: string): Promise<string> {
  if (!/^[0-9a-f-]{36}$/i.test(id)) throw notFound('No such engagement.');
  const [row] = await tx
    .select({ id: engagements.id })
    .from(engagements)
    .where(and(eq(engagements.id, id), eq(engagements.orgId, auth.orgId), visibleTo(auth)))
    .limit(1);
  if (!row) throw notFound('No such engagement.');
  return row.id;
}

export async function loadDetail(services: Services, auth: AuthContext, id: string): Promise<EngagementDetail> {
  // One snapshot: read in separate statements, a sync finishing in between showed its failed attempt
  // beside a state still "queued", and no later event corrected it.
  return withOrg(
    services.db,
    auth.orgId,
    async (tx) => {
      const engagementId = await visibleEngagementId(tx, auth, id);
      const detail = await engagementDetail(tx, engagementId);
      if (!detail) throw notFound('No such engagement.');
      return detail;
    },
    { snapshot: true },
  );
}

function idParam(req: Request): string {
  return String(req.params.id ?? '');
}

export function engagementRoutes(services: Services): Router {
  const router = Router();
  const live = new LiveUpdates(services.db);

  router.get('/api/engagements', async (req, res) => {
    const auth = requireUser(req);
    const query = engagementListQuerySchema.parse(req.query);
    const page: EngagementList = await withOrg(services.db, auth.orgId, (tx) => listEngagements(tx, auth, query));
    res.json(page);
  });

  router.get('/api/engagements.csv', async (req, res) => {
    const auth = requireUser(req);
    const query = engagementListQuerySchema.parse({ ...req.query, cursor: undefined, limit: 100 });
    res.setHeader('Content-Type', 'text/csv; charset=utf-8');
    res.setHeader('Content-Disposition', 'attachment; filename="callrecap-engagements.csv"');
    await engagementsCsv(services, auth, query, res);
  });

  router.get('/api/engagements/by-zoom/:zoomEngagementId', async (req, res) => {
    const auth = requireUser(req);
    const zoomId = String(req.params.zoomEngagementId).slice(0, 200);
    const [row] = await withOrg(services.db, auth.orgId, (tx) =>
      tx
        .select({ id: engagements.id })
        .from(engagements)
        .where(and(eq(engagements.orgId, auth.orgId), eq(engagements.zoomEngagementId, zoomId), visibleTo(auth)))
        .limit(1),
    );
    if (!row) throw notFound('CallRecap has not seen this engagement yet.');
    res.json(await loadDetail(services, auth, row.id));
  });

  router.get('/api/engagements/:id', async (req, res) => {
    const auth = requireUser(req);
    res.json(await loadDetail(services, auth, idParam(req)));
  });

  router.get('/api/engagements/:id/customer-history', async (req, res) => {
    const auth = requireUser(req);
    const items = await withOrg(services.db, auth.orgId, async (tx) => {
      const engagementId = await visibleEngagementId(tx, auth, idParam(req));
      return customerHistory(tx, auth, engagementId);
    });
    res.json({ items });
  });

  router.get('/api/engagements/:id/events', async (req, res) => {
    const auth = requireUser(req);
    const first = await loadDetail(services, auth, idParam(req));
    // One close path, for a client gone before the subscription is in place as much as after.
    let closed = false;
    let release = () => {};
    res.on('close', () => {
      closed = true;
      release();
    });
    let sentRevision = -1;
    const sendIfNewer = (detail: EngagementDetail) => {
      if (detail.revision <= sentRevision) return;
      sentRevision = detail.revision;
      const event: EngagementUpdateEvent = { type: 'engagement.updated', detail };
      res.write(`event: engagement.updated\ndata: ${JSON.stringify(event)}\n\n`);
    };
    let pending: Promise<void> = Promise.resolve();
    const reload = () => {
      // Serialized so events reach the client in order.
      pending = pending
        .then(async () => {
          if (!closed) sendIfNewer(await loadDetail(services, auth, first.engagement.id));
        })
        .catch((error: unknown) => req.log.warn({ err: error }, 'live update failed'));
    };
    const unsubscribe = await live.subscribe(auth.orgId, first.engagement.id, reload);
    if (closed) return unsubscribe();
    res.writeHead(200, {
      'Content-Type': 'text/event-stream',
      'Cache-Control': 'no-store',
      Connection: 'keep-alive',
      'X-Accel-Buffering': 'no',
    });
    sendIfNewer(first);
    // A change committed between the first read and the subscription notified nobody: read once more.
    reload();
    const ping = setInterval(() => res.write(': ping\n\n'), 20_000);
    release = () => {
      clearInterval(ping);
      unsubscribe();
    };
  });

  return router;
}
