import { organizations } from '../../db/schema';
import { withSystemLookup } from '../../db/tenant';
import { rebuildOrganizationRollup } from '../../server/analytics/rollup';
import type { Services } from '../../server/services';
import type { JobHandler } from '../worker';

/**
 * analytics.rollup (every minute): rebuilds the analytics rollup's dirty days of every organization
 * (or of one, when the payload names it). Until then the report reads those days from the base
 * tables, so a late run costs speed, never correctness. An organization with nothing dirty costs one
 * short transaction.
 */
export function analyticsRollupHandler(services: Services): JobHandler<'analytics.rollup'> {
  return async ({ orgId }, job) => {
    const orgIds = orgId ? [orgId] : (await withSystemLookup(services.db, (tx) => tx.select({ id: organizations.id }).from(organizations))).map((org) => org.id);
    let days = 0;
    for (const id of orgIds) days += await rebuildOrganizationRollup(services.db, id, { signal: job.signal });
    if (days > 0) job.log.info({ organizations: orgIds.length, days }, 'analytics rollup rebuilt');
  };
}
