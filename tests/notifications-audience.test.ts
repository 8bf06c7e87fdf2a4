import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { NotificationView } from '../server/contract/api';
import { withOrg } from '../db/tenant';
import { notificationRoutes } from '../server/notifications/routes';
import { clearNotification, notify } from '../server/notifications/notify';
import { HttpSession, startTestApp, type TestApp } from './helpers/app';
import { createOrgWithUsers, type FixtureUser } from './helpers/org-fixtures';

let app: TestApp;
let people: Record<string, FixtureUser>;
let orgId: string;
let otherOrgId: string;

beforeAll(async () => {
  app = await startTestApp({ start: { app: { api: [notificationRoutes] } } });
  const org = await createOrgWithUsers(app.database.owner, 'bell', [
    { name: 'Ada', role: 'admin' },
    { name: 'Sue', role: 'supervisor' },
    { name: 'Ann', role: 'agent' },
  ]);
  people = org.users;
  orgId = org.orgId;
  otherOrgId = (await createOrgWithUsers(app.database.owner, 'bell-other', [])).orgId;
});
afterAll(() => app.close());

async function bell(user: FixtureUser): Promise<NotificationView[]> {
  const response = await (await HttpSession.signedIn(app, user)).get('/api/notifications');
  expect(response.status).toBe(200);
  return ((await response.json()) as { items: NotificationView[] }).items;
}

const raise = (notice: Parameters<typeof notify>[1]) => withOrg(app.running.services.db, notice.orgId, (tx) => notify(tx, notice));

describe('notifications', () => {
  it('shows each role what is meant for it and the roles below it, newest first', async () => {
    await raise({ orgId, kind: 'team_news', message: 'For everyone', audience: 'agent' });
    await raise({ orgId, kind: 'queue_backlog', message: 'For supervisors', audience: 'supervisor' });
    await raise({ orgId, kind: 'billing_limit_reached', message: 'For admins', audience: 'admin', dedupeKey: 'billing_limit:2026-03' });
    await raise({ orgId: otherOrgId, kind: 'zoom_reauth_required', message: 'Another organization', audience: 'agent' });

    expect((await bell(people.Ann!)).map((n) => n.message)).toEqual(['For everyone']);
    expect((await bell(people.Sue!)).map((n) => n.message)).toEqual(['For supervisors', 'For everyone']);
    const admin = await bell(people.Ada!);
    expect(admin.map((n) => n.message)).toEqual(['For admins', 'For supervisors', 'For everyone']);
    expect(admin[0]).toMatchObject({ kind: 'billing_limit_reached' });
    expect(Date.parse(admin[0]!.createdAt)).not.toBeNaN();
  });

  it('raises a notice once per dedupe key, and again after it is cleared', async () => {
    expect(await raise({ orgId, kind: 'billing_limit_reached', message: 'Again', audience: 'admin', dedupeKey: 'billing_limit:2026-03' })).toBe(false);
    expect((await bell(people.Ada!)).filter((n) => n.kind === 'billing_limit_reached')).toHaveLength(1);
    await withOrg(app.running.services.db, orgId, (tx) => clearNotification(tx, 'billing_limit:2026-03'));
    expect(await raise({ orgId, kind: 'billing_limit_reached', message: 'Reached again', audience: 'admin', dedupeKey: 'billing_limit:2026-03' })).toBe(true);
    // The same key in another organization is a different notice.
    expect(await raise({ orgId: otherOrgId, kind: 'billing_limit_reached', message: 'Theirs', audience: 'admin', dedupeKey: 'billing_limit:2026-03' })).toBe(true);
  });

  it('dismisses for the whole organization with 204; only what the user can see', async () => {
    const everyone = (await bell(people.Ann!))[0]!;
    const forAdmins = (await bell(people.Ada!)).find((n) => n.kind === 'billing_limit_reached')!;
    const agent = await HttpSession.signedIn(app, people.Ann!);
    expect((await agent.post(`/api/notifications/${forAdmins.id}/dismiss`)).status).toBe(404);
    const dismissed = await agent.post(`/api/notifications/${everyone.id}/dismiss`);
    expect(dismissed.status).toBe(204);
    expect(await bell(people.Ann!)).toEqual([]);
    expect((await bell(people.Ada!)).map((n) => n.id)).not.toContain(everyone.id);
    // Dismissing twice is harmless.
    expect((await agent.post(`/api/notifications/${everyone.id}/dismiss`)).status).toBe(204);
  });

  it("answers 404 for another organization's notification and for ids that cannot exist", async () => {
    const [theirs] = await app.database.owner`select id from notifications where org_id = ${otherOrgId} limit 1`;
    const admin = await HttpSession.signedIn(app, people.Ada!);
    expect((await admin.post(`/api/notifications/${theirs!.id}/dismiss`)).status).toBe(404);
    expect((await admin.post('/api/notifications/not-an-id/dismiss')).status).toBe(404);
    const [row] = await app.database.owner`select dismissed_at from notifications where id = ${theirs!.id}`;
    expect(row!.dismissed_at).toBeNull();
  });

  it('shows at most the 20 newest', async () => {
    for (let i = 0; i < 25; i++) await raise({ orgId, kind: 'bulk', message: `Notice ${i}`, audience: 'agent' });
    const items = await bell(people.Ann!);
    expect(items).toHaveLength(20);
    expect(items[0]!.message).toBe('Notice 24');
  });

  it('needs a signed-in user and the CSRF token to dismiss', async () => {
    expect((await new HttpSession(app.url).get('/api/notifications')).status).toBe(401);
    const [one] = await bell(people.Ann!);
    const agent = await HttpSession.signedIn(app, people.Ann!);
    agent.csrfToken = '';
    expect((await agent.post(`/api/notifications/${one!.id}/dismiss`)).status).toBe(403);
  });
});
