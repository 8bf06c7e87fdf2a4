import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CategoryView } from '../server/contract/api';
import { settingsRoutes } from '../server/settings/routes';
import { HttpSession, startTestApp, type TestApp } from './helpers/app';
import { createOrgWithUsers, type FixtureUser } from './helpers/org-fixtures';

let app: TestApp;
let people: Record<string, FixtureUser>;
let otherOrgCategoryId: string;

beforeAll(async () => {
  app = await startTestApp({ start: { app: { api: [settingsRoutes] } } });
  const org = await createOrgWithUsers(app.database.owner, 'cat', [
    { name: 'Ada', role: 'admin' },
    { name: 'Sue', role: 'supervisor' },
    { name: 'Ann', role: 'agent' },
  ]);
  people = org.users;
  const other = await createOrgWithUsers(app.database.owner, 'cat-other', [{ name: 'Oz', role: 'admin' }]);
  const [row] = await app.database.owner`insert into categories (org_id, name, position) values (${other.orgId}, 'Theirs', 0) returning id`;
  otherOrgCategoryId = row!.id as string;
});
afterAll(() => app.close());

const as = (name: string) => HttpSession.signedIn(app, people[name]!);

async function list(session: HttpSession): Promise<CategoryView[]> {
  const response = await session.get('/api/categories');
  expect(response.status).toBe(200);
  return ((await response.json()) as { items: CategoryView[] }).items;
}

async function create(session: HttpSession, name: string, description = ''): Promise<CategoryView> {
  const response = await session.post('/api/categories', { name, description });
  expect(response.status).toBe(201);
  return (await response.json()) as CategoryView;
}

async function auditActions(): Promise<string[]> {
  const rows = await app.database.owner`select action from audit_log where org_id = ${people.Ada!.orgId} order by id`;
  return rows.map((r) => r.action as string);
}

describe('categories', () => {
  it('creates categories at the end, lists them in order for any signed-in user, and audits', async () => {
    const admin = await as('Ada');
    const billing = await create(admin, '  Billing  ', 'Invoices and refunds');
    expect(billing).toMatchObject({ name: 'Billing', description: 'Invoices and refunds', position: 0 });
    const sales = await create(admin, 'Sales');
    expect(sales.position).toBe(1);
    expect((await list(await as('Ann'))).map((c) => c.name)).toEqual(['Billing', 'Sales']);
    const [entry] = await app.database.owner`select details, actor_label, target_id from audit_log where action = 'category.created' and target_id = ${billing.id}`;
    expect(entry).toMatchObject({ details: { name: 'Billing' }, actor_label: 'Ada', target_id: billing.id });
  });

  it('refuses a duplicate name (any letter case) with 409 and a reason', async () => {
    const admin = await as('Ada');
    const response = await admin.post('/api/categories', { name: 'billing' });
    expect(response.status).toBe(409);
    expect(((await response.json()) as { error: { message: string } }).error.message).toMatch(/"Billing" already exists/);
    const sales = (await list(admin)).find((c) => c.name === 'Sales')!;
    const rename = await admin.request('PUT', `/api/categories/${sales.id}`, { name: 'BILLING', description: '' });
    expect(rename.status).toBe(409);
  });

  it('renames a category (its own name in another case is fine) and audits before/after', async () => {
    const admin = await as('Ada');
    const sales = (await list(admin)).find((c) => c.name === 'Sales')!;
    const response = await admin.request('PUT', `/api/categories/${sales.id}`, { name: 'SALES', description: 'New business' });
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ id: sales.id, name: 'SALES', description: 'New business', position: 1 });
    const [entry] = await app.database.owner`select details from audit_log where action = 'category.updated' and target_id = ${sales.id}`;
    expect(entry!.details).toEqual({ before: { name: 'Sales', description: '' }, after: { name: 'SALES', description: 'New business' } });
  });

  it('reorders: the list must name every category exactly once', async () => {
    const admin = await as('Ada');
    await create(admin, 'Support');
    const [billing, sales, support] = await list(admin);
    const response = await admin.request('PUT', '/api/categories/order', { ids: [support!.id, billing!.id, sales!.id] });
    expect(response.status).toBe(200);
    const { items } = (await response.json()) as { items: CategoryView[] };
    expect(items.map((c) => [c.name, c.position])).toEqual([
      ['Support', 0],
      ['Billing', 1],
      ['SALES', 2],
    ]);
    const partial = await admin.request('PUT', '/api/categories/order', { ids: [support!.id, billing!.id] });
    expect(partial.status).toBe(400);
    expect(((await partial.json()) as { error: { message: string } }).error.message).toMatch(/all 3 categories/);
    const twice = await admin.request('PUT', '/api/categories/order', { ids: [support!.id, support!.id, billing!.id] });
    expect(twice.status).toBe(400);
    const foreign = await admin.request('PUT', '/api/categories/order', { ids: [support!.id, billing!.id, otherOrgCategoryId] });
    expect(foreign.status).toBe(404);
    expect((await admin.request('PUT', '/api/categories/order', { ids: [] })).status).toBe(400);
    expect((await admin.request('PUT', '/api/categories/order', { ids: ['not-a-uuid'] })).status).toBe(400);
    expect(await auditActions()).toContain('categories.reordered');
  });

  it('deletes and keeps positions dense', async () => {
    const admin = await as('Ada');
    const before = await list(admin);
    const middle = before[1]!;
    const response = await admin.request('DELETE', `/api/categories/${middle.id}`);
    expect(response.status).toBe(204);
    const after = await list(admin);
    expect(after.map((c) => c.position)).toEqual([0, 1]);
    expect(after.map((c) => c.id)).toEqual([before[0]!.id, before[2]!.id]);
    const [entry] = await app.database.owner`select details from audit_log where action = 'category.deleted' and target_id = ${middle.id}`;
    expect(entry!.details).toEqual({ name: middle.name });
    expect((await admin.request('DELETE', `/api/categories/${middle.id}`)).status).toBe(404);
  });

  it("answers 404 for another organization's category and for ids that cannot exist", async () => {
    const admin = await as('Ada');
    expect((await admin.request('PUT', `/api/categories/${otherOrgCategoryId}`, { name: 'Mine now', description: '' })).status).toBe(404);
    expect((await admin.request('DELETE', `/api/categories/${otherOrgCategoryId}`)).status).toBe(404);
    expect((await admin.request('DELETE', '/api/categories/42')).status).toBe(404);
    const [row] = await app.database.owner`select name from categories where id = ${otherOrgCategoryId}`;
    expect(row!.name).toBe('Theirs');
  });

  it.each([
    ['an empty name', { name: '   ' }],
    ['a name over 100 characters', { name: 'x'.repeat(101) }],
    ['a description over 500 characters', { name: 'Long', description: 'x'.repeat(501) }],
    ['a name that is not text', { name: 7 }],
  ])('answers 400 with a reason for %s', async (_label, body) => {
    const admin = await as('Ada');
    const response = await admin.post('/api/categories', body);
    expect(response.status).toBe(400);
    expect(((await response.json()) as { error: { message: string } }).error.message).toMatch(/name|description/);
  });

  it('lets only admins change categories', async () => {
    for (const name of ['Sue', 'Ann']) {
      const session = await as(name);
      expect((await session.post('/api/categories', { name: 'Nope' })).status).toBe(403);
      const [first] = await list(session);
      expect((await session.request('PUT', `/api/categories/${first!.id}`, { name: 'Nope', description: '' })).status).toBe(403);
      expect((await session.request('DELETE', `/api/categories/${first!.id}`)).status).toBe(403);
      expect((await session.request('PUT', '/api/categories/order', { ids: [first!.id] })).status).toBe(403);
    }
    expect((await new HttpSession(app.url).get('/api/categories')).status).toBe(401);
  });
});
