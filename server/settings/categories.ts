import { and, asc, eq, ne, sql } from 'drizzle-orm';
import { categories } from '../../db/schema';
import type { Tx } from '../../db/tenant';
import type { CategoryView } from '../contract/api';
import type { AuthContext } from '../auth/current-user';
import { recordAudit } from '../audit/audit-log';
import { badRequest, conflict, notFound } from '../http/errors';

/**
 * The organization's summary categories, in the order the AI is offered them. Positions stay dense
 * (0..n-1); every change takes a per-organization lock so concurrent admins cannot leave gaps or
 * two categories at one position.
 */

type CategoryRow = typeof categories.$inferSelect;
export interface CategoryInput {
  name: string;
  description: string;
}

const toView = (row: CategoryRow): CategoryView => ({ id: row.id, name: row.name, description: row.description, position: row.position });

async function lockCategories(tx: Tx, orgId: string): Promise<void> {
  await tx.execute(sql`select pg_advisory_xact_lock(hashtextextended(${'categories:' + orgId}, 0))`);
}

export async function listCategoryViews(tx: Tx): Promise<CategoryView[]> {
  const rows = await tx.select().from(categories).orderBy(asc(categories.position), asc(categories.name));
  return rows.map(toView);
}

/** "billing" and "Billing" would be the same category to people and to the AI, so names compare case-insensitively. */
async function assertNameFree(tx: Tx, name: string, exceptId?: string): Promise<void> {
  const [clash] = await tx
    .select({ name: categories.name })
    .from(categories)
    .where(and(sql`lower(${categories.name}) = lower(${name})`, exceptId ? ne(categories.id, exceptId) : undefined))
    .limit(1);
  if (clash) throw conflict(`A category named "${clash.name}" already exists.`);
}

async function findCategory(tx: Tx, id: string): Promise<CategoryRow> {
  const [row] = await tx.select().from(categories).where(eq(categories.id, id)).limit(1);
  if (!row) throw notFound('No such category.');
  return row;
}

export async function createCategory(tx: Tx, actor: AuthContext, input: CategoryInput): Promise<CategoryView> {
  await lockCategories(tx, actor.orgId);
  await assertNameFree(tx, input.name);
  const [{ count } = { count: 0 }] = await tx.select({ count: sql<number>`count(*)::int` }).from(categories);
  if (count >= 100) throw conflict('An organization can have at most 100 categories.');
  const [row] = await tx.insert(categories).values({ orgId: actor.orgId, ...input, position: count }).returning();
  await recordAudit(tx, {
    orgId: actor.orgId,
    actorUserId: actor.userId,
    actorLabel: actor.name,
    action: 'category.created',
    targetType: 'category',
    targetId: row!.id,
    details: { name: input.name },
  });
  return toView(row!);
}

export async function updateCategory(tx: Tx, actor: AuthContext, id: string, input: CategoryInput): Promise<CategoryView> {
  await lockCategories(tx, actor.orgId);
  const before = await findCategory(tx, id);
  await assertNameFree(tx, input.name, id);
  const [row] = await tx.update(categories).set({ ...input, updatedAt: sql`now()` }).where(eq(categories.id, id)).returning();
  await recordAudit(tx, {
    orgId: actor.orgId,
    actorUserId: actor.userId,
    actorLabel: actor.name,
    action: 'category.updated',
    targetType: 'category',
    targetId: id,
    details: { before: { name: before.name, description: before.description }, after: input },
  });
  return toView(row!);
}

export async function deleteCategory(tx: Tx, actor: AuthContext, id: string): Promise<void> {
  await lockCategories(tx, actor.orgId);
  const row = await findCategory(tx, id);
  await tx.delete(categories).where(eq(categories.id, id));
  // Close the gap: renumber in the current order.
  await tx.execute(sql`
    update categories c set position = ranked.position, updated_at = now()
    from (select id, (row_number() over (order by position, name) - 1)::int as position from categories) ranked
    where c.id = ranked.id and c.position <> ranked.position`);
  await recordAudit(tx, {
    orgId: actor.orgId,
    actorUserId: actor.userId,
    actorLabel: actor.name,
    action: 'category.deleted',
    targetType: 'category',
    targetId: id,
    details: { name: row.name },
  });
}

/** The new order must name every category exactly once: a partial list would leave positions ambiguous. */
export async function reorderCategories(tx: Tx, actor: AuthContext, ids: string[]): Promise<CategoryView[]> {
  await lockCategories(tx, actor.orgId);
  const existing = new Set((await tx.select({ id: categories.id }).from(categories)).map((row) => row.id));
  const given = ids.map((id) => id.toLowerCase());
  const unknown = given.find((id) => !existing.has(id));
  if (unknown) throw notFound(`No such category: ${unknown}.`);
  if (new Set(given).size !== given.length) throw badRequest('The order lists a category more than once.');
  if (given.length !== existing.size) throw badRequest(`The order must list all ${existing.size} categories; it lists ${given.length}.`);
  const list = sql.join(given.map((id) => sql`${id}`), sql`, `);
  await tx.execute(sql`
    update categories set position = array_position(array[${list}]::uuid[], id) - 1, updated_at = now()
    where position is distinct from array_position(array[${list}]::uuid[], id) - 1`);
  await recordAudit(tx, {
    orgId: actor.orgId,
    actorUserId: actor.userId,
    actorLabel: actor.name,
    action: 'categories.reordered',
    targetType: 'category',
    details: { ids: given },
  });
  return listCategoryViews(tx);
}
