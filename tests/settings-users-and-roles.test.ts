import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { UserView } from '../server/contract/api';
import { settingsRoutes } from '../server/settings/routes';
import { HttpSession, startTestApp, type TestApp } from './helpers/app';
import { createOrgWithUsers, type FixtureUser } from './helpers/org-fixtures';

let app: TestApp;
let people: Record<string, FixtureUser>;
let outsider: FixtureUser;

beforeAll(async () => {
  app = await startTestApp({ start: { app: { api: [settingsRoutes] } } });
  const org = await createOrgWithUsers(app.database.owner, 'roles', [
    { name: 'Ada', role: 'admin' },
    { name: 'Sue', role: 'supervisor' },
    { name: 'Ann', role: 'agent' },
  ]);
  people = org.users;
  const other = await createOrgWithUsers(app.database.owner, 'roles-other', [{ name: 'Oz', role: 'agent' }]);
  outsider = other.users.Oz!;
});
afterAll(() => app.close());

const as = (user: FixtureUser) => HttpSession.signedIn(app, user);
const sessionsOf = async (user: FixtureUser) =>
  (await app.database.owner`select count(*)::int as n from sessions where user_id = ${user.id}`)[0]!.n as number;

describe('users and roles', () => {
  it('lists the organization’s users for admins only', async () => {
    const response = await (await as(people.Ada!)).get('/api/users');
    expect(response.status).toBe(200);
    const { items } = (await response.json()) as { items: UserView[] };
    expect(items.map((u) => [u.name, u.role])).toEqual([
      ['Ada', 'admin'],
      ['Ann', 'agent'],
      ['Sue', 'supervisor'],
    ]);
    expect(items[0]).toMatchObject({ email: 'ada@example.com', contactCenterRole: null, lastSignInAt: null });
    expect((await (await as(people.Sue!)).get('/api/users')).status).toBe(403);
    expect((await (await as(people.Ann!)).get('/api/users')).status).toBe(403);
  });

  it('changes a role, audits before/after, and ends that user’s sessions', async () => {
    const ann = await as(people.Ann!);
    await as(people.Ann!);
    expect(await sessionsOf(people.Ann!)).toBeGreaterThanOrEqual(2);
    const admin = await as(people.Ada!);
    const response = await admin.request('PUT', `/api/users/${people.Ann!.id}/role`, { role: 'supervisor' });
    expect(response.status).toBe(200);
    expect(await response.json()).toMatchObject({ id: people.Ann!.id, role: 'supervisor' });
    expect(await sessionsOf(people.Ann!)).toBe(0);
    // Her browser's session is gone: the next request is signed out.
    expect((await ann.get('/api/categories')).status).toBe(401);
    // The admin who made the change stays signed in.
    expect((await admin.get('/api/users')).status).toBe(200);
    const [entry] = await app.database.owner`select details, actor_label from audit_log where action = 'user.role_changed' and target_id = ${people.Ann!.id}`;
    expect(entry).toMatchObject({ actor_label: 'Ada', details: { name: 'Ann', before: 'agent', after: 'supervisor' } });
  });

  it('does nothing (no audit, sessions kept) when the role is unchanged', async () => {
    await as(people.Sue!);
    const before = await app.database.owner`select count(*)::int as n from audit_log where action = 'user.role_changed'`;
    const response = await (await as(people.Ada!)).request('PUT', `/api/users/${people.Sue!.id}/role`, { role: 'supervisor' });
    expect(response.status).toBe(200);
    expect(await sessionsOf(people.Sue!)).toBeGreaterThan(0);
    const after = await app.database.owner`select count(*)::int as n from audit_log where action = 'user.role_changed'`;
    expect(after[0]!.n).toBe(before[0]!.n);
  });

  it('keeps the last admin: demoting yourself as the only admin is a 409 with a reason', async () => {
    const admin = await as(people.Ada!);
    const response = await admin.request('PUT', `/api/users/${people.Ada!.id}/role`, { role: 'agent' });
    expect(response.status).toBe(409);
    expect(((await response.json()) as { error: { message: string } }).error.message).toMatch(/only admin/);
    const [row] = await app.database.owner`select role from users where id = ${people.Ada!.id}`;
    expect(row!.role).toBe('admin');
  });

  it('lets an admin step down once there is another admin, ending their own session', async () => {
    const admin = await as(people.Ada!);
    expect((await admin.request('PUT', `/api/users/${people.Sue!.id}/role`, { role: 'admin' })).status).toBe(200);
    const stepDown = await admin.request('PUT', `/api/users/${people.Ada!.id}/role`, { role: 'supervisor' });
    expect(stepDown.status).toBe(200);
    expect(await sessionsOf(people.Ada!)).toBe(0);
    expect((await admin.get('/api/users')).status).toBe(401);
    // Sue is now the only admin, and is protected in turn.
    const sue = await as(people.Sue!);
    expect((await sue.request('PUT', `/api/users/${people.Sue!.id}/role`, { role: 'agent' })).status).toBe(409);
  });

  // From here on Sue is the admin and Ada a supervisor (the roles read from the database, not the session).
  it("answers 404 for another organization's user, and 400 with a reason for a role that does not exist", async () => {
    const admin = await as(people.Sue!);
    const foreign = await admin.request('PUT', `/api/users/${outsider.id}/role`, { role: 'admin' });
    expect(foreign.status).toBe(404);
    const [row] = await app.database.owner`select role from users where id = ${outsider.id}`;
    expect(row!.role).toBe('agent');
    expect((await admin.request('PUT', '/api/users/nobody/role', { role: 'admin' })).status).toBe(404);
    const invalid = await admin.request('PUT', `/api/users/${people.Ann!.id}/role`, { role: 'owner' });
    expect(invalid.status).toBe(400);
    expect(((await invalid.json()) as { error: { message: string } }).error.message).toMatch(/role/);
  });

  it('refuses role changes from supervisors', async () => {
    const supervisor = await as(people.Ada!);
    expect((await supervisor.request('PUT', `/api/users/${people.Ada!.id}/role`, { role: 'admin' })).status).toBe(403);
  });
});
