import { asc, sql } from 'drizzle-orm';
import { Router } from 'express';
import { z } from 'zod';
import { users } from '../../db/schema';
import { withOrg, type Tx } from '../../db/tenant';
import type { FilterOptions } from '../contract/api';
import { requireUser, signedIn } from '../auth/current-user';
import type { Services } from '../services';
import { listCategoryViews } from '../settings/categories';

/**
 * Agents: everyone with the agent role, plus anyone (a supervisor taking calls, a user whose role
 * changed) who owns an engagement. One probe of engagements_org_agent_activity per user, never a
 * scan of the organization's engagements.
 */
async function agentOptions(tx: Tx, orgId: string): Promise<FilterOptions['agents']> {
  return tx
    .select({ id: users.id, name: users.name })
    .from(users)
    .where(
      sql`${users.role} = 'agent' or exists (
        select 1 from engagements e where e.org_id = ${orgId}::uuid and e.agent_user_id = ${users.id})`,
    )
    .orderBy(asc(users.name), asc(users.id));
}

const queueRowSchema = z.object({ id: z.string(), name: z.string().nullable() });

/**
 * Queues seen on engagements, named as on their latest engagement. A loose index scan over
 * engagements_org_queue_activity (org_id, queue_id, activity_at desc): one index descent per
 * queue, so it stays instant with millions of engagements where select distinct would read them all.
 * "nulls last" matches the index's column order exactly (activity_at is never null); without it the
 * planner sorts each queue's engagements instead (13 s on a million rows).
 */
async function queueOptions(tx: Tx, orgId: string): Promise<FilterOptions['queues']> {
  const rows = await tx.execute(sql`
    with recursive queues as (
      (select e.queue_id, e.queue_name from engagements e
        where e.org_id = ${orgId}::uuid and e.queue_id is not null
        order by e.queue_id, e.activity_at desc nulls last limit 1)
      union all
      select next.queue_id, next.queue_name from queues q
      cross join lateral (
        select e.queue_id, e.queue_name from engagements e
        where e.org_id = ${orgId}::uuid and e.queue_id > q.queue_id
        order by e.queue_id, e.activity_at desc nulls last limit 1
      ) next
    )
    select queue_id as id, queue_name as name from queues`);
  return z
    .array(queueRowSchema)
    .parse(rows)
    .map((row) => ({ id: row.id, name: row.name ?? row.id }))
    .sort((a, b) => a.name.localeCompare(b.name));
}

/** GET /api/filters: the choices of the engagements list's filter controls. */
export function filterRoutes(services: Services): Router {
  const router = Router();
  router.get('/api/filters', signedIn, async (req, res) => {
    const auth = requireUser(req);
    const options: FilterOptions = await withOrg(services.db, auth.orgId, async (tx) => ({
      agents: await agentOptions(tx, auth.orgId),
      queues: await queueOptions(tx, auth.orgId),
      categories: await listCategoryViews(tx),
    }));
    res.json(options);
  });
  return router;
}
