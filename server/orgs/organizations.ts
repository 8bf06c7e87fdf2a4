import { randomUUID } from 'node:crypto';
import { asc, eq } from 'drizzle-orm';
import type { Database } from '../../db/client';
import { categories, DEFAULT_ORG_SETTINGS, organizations, users } from '../../db/schema';
import { withOrg, withSystemLookup, type Tx } from '../../db/tenant';
import { DEFAULT_CATEGORIES } from '../contract/summary';
import type { Role } from '../auth/current-user';

export type Organization = typeof organizations.$inferSelect;
export type User = typeof users.$inferSelect;

export async function findOrgByZoomAccount(db: Database, zoomAccountId: string): Promise<Organization | undefined> {
  const [org] = await withSystemLookup(db, (tx) =>
    tx.select().from(organizations).where(eq(organizations.zoomAccountId, zoomAccountId)).limit(1),
  );
  return org;
}

export async function findOrgByStripeCustomer(db: Database, customerId: string): Promise<Organization | undefined> {
  const [org] = await withSystemLookup(db, (tx) =>
    tx.select().from(organizations).where(eq(organizations.stripeCustomerId, customerId)).limit(1),
  );
  return org;
}

export async function getOrg(tx: Tx, orgId: string): Promise<Organization> {
  const [org] = await tx.select().from(organizations).where(eq(organizations.id, orgId)).limit(1);
  if (!org) throw new Error(`Organization ${orgId} not found`);
  return org;
}

/**
 * Finds the organization of a Zoom account, creating it (with the default categories) on first
 * sign-in or install. Safe under concurrent sign-ins of the same account.
 */
export async function findOrCreateOrg(db: Database, input: { zoomAccountId: string; name: string; isDemo?: boolean }): Promise<Organization> {
  const existing = await findOrgByZoomAccount(db, input.zoomAccountId);
  if (existing) return existing;
  const id = randomUUID();
  const created = await withOrg(db, id, async (tx) => {
    const [org] = await tx
      .insert(organizations)
      .values({ id, zoomAccountId: input.zoomAccountId, name: input.name, isDemo: input.isDemo ?? false, settings: DEFAULT_ORG_SETTINGS })
      .onConflictDoNothing({ target: organizations.zoomAccountId })
      .returning();
    if (org) {
      await tx.insert(categories).values(
        DEFAULT_CATEGORIES.map((category, position) => ({ orgId: id, name: category.name, description: category.description, position })),
      );
    }
    return org;
  });
  if (created) return created;
  // Lost the race to another sign-in of the same account: use theirs.
  const winner = await findOrgByZoomAccount(db, input.zoomAccountId);
  if (!winner) throw new Error('Organization vanished during creation');
  return winner;
}

export async function upsertUser(
  tx: Tx,
  input: { orgId: string; zoomUserId: string; name: string; email: string | null; role: Role; contactCenterRole: string | null; now: Date },
): Promise<User> {
  const [user] = await tx
    .insert(users)
    .values({ ...input, lastSignInAt: input.now })
    .onConflictDoUpdate({
      target: [users.orgId, users.zoomUserId],
      set: { name: input.name, email: input.email, contactCenterRole: input.contactCenterRole, lastSignInAt: input.now, updatedAt: input.now },
    })
    .returning();
  if (!user) throw new Error('User upsert returned nothing');
  return user;
}

export async function listCategories(tx: Tx, orgId: string) {
  return tx.select().from(categories).where(eq(categories.orgId, orgId)).orderBy(asc(categories.position), asc(categories.name));
}
