import type { Database } from '../../db/client';
import { findOrgByZoomAccount, type Organization } from './organizations';

const TTL_MS = 10_000;
const MAX_ENTRIES = 10_000;

/**
 * Webhooks name the Zoom account on every delivery; looking the organization up each time costs a
 * transaction per request at ingest rates of hundreds a second. A few seconds of staleness is safe:
 * a deauthorized account's late delivery only queues a job that finds no token.
 */
export class AccountLookupCache {
  private readonly entries = new Map<string, { org: Organization | undefined; expires: number }>();

  constructor(
    private readonly db: Database,
    private readonly now: () => number = Date.now,
  ) {}

  async find(zoomAccountId: string): Promise<Organization | undefined> {
    const hit = this.entries.get(zoomAccountId);
    if (hit && hit.expires > this.now()) return hit.org;
    const org = await findOrgByZoomAccount(this.db, zoomAccountId);
    if (this.entries.size >= MAX_ENTRIES) this.entries.clear();
    this.entries.set(zoomAccountId, { org, expires: this.now() + TTL_MS });
    return org;
  }

  forget(zoomAccountId: string): void {
    this.entries.delete(zoomAccountId);
  }
}
