import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AuditEntryView } from '../server/contract/api';
import { auditRoutes } from '../server/audit/routes';
import { HttpSession, startTestApp, type TestApp } from './helpers/app';
import { createOrgWithUsers, type FixtureUser } from './helpers/org-fixtures';

let app: TestApp;
let people: Record<string, FixtureUser>;

interface AuditPage {
  items: AuditEntryView[];
  nextBefore: number | null;
}

beforeAll(async () => {
  app = await startTestApp({ start: { app: { api: [auditRoutes] } } });
  const org = await createOrgWithUsers(app.database.owner, 'audit', [
    { name: 'Ada', role: 'admin' },
    { name: 'Sue', role: 'supervisor' },
  ]);
  people = org.users;
  const other = await createOrgWithUsers(app.database.owner, 'audit-other', []);
  // 120 entries interleaved with another organization's, so pages must skip theirs.
  for (let i = 1; i <= 120; i++) {
    await app.database.owner`insert into audit_log (org_id, actor_user_id, actor_label, action, target_type, target_id, details)
      values (${org.orgId}, ${people.Ada!.id}, 'Ada', 'category.created', 'category', ${`c-${i}`}, ${app.database.owner.json({ n: i })})`;
    await app.database.owner`insert into audit_log (org_id, actor_label, action, details)
      values (${other.orgId}, 'Oz', 'settings.updated', ${app.database.owner.json({ secret: i })})`;
  }
});
afterAll(() => app.close());

async function page(session: HttpSession, query = ''): Promise<AuditPage> {
  const response = await session.get(`/api/audit${query}`);
  expect(response.status).toBe(200);
  return (await response.json()) as AuditPage;
}

describe('the audit log', () => {
  it('pages through the organization’s entries 50 at a time, newest first', async () => {
    const admin = await HttpSession.signedIn(app, people.Ada!);
    const first = await page(admin);
    expect(first.items).toHaveLength(50);
    expect(first.items[0]).toMatchObject({ actorLabel: 'Ada', action: 'category.created', targetType: 'category', targetId: 'c-120', details: { n: 120 } });
    expect(typeof first.items[0]!.id).toBe('number');
    expect(Date.parse(first.items[0]!.createdAt)).not.toBeNaN();
    expect(first.nextBefore).toBe(first.items[49]!.id);

    const second = await page(admin, `?before=${first.nextBefore}`);
    expect(second.items.map((e) => e.details.n)).toEqual(Array.from({ length: 50 }, (_, i) => 70 - i));
    const third = await page(admin, `?before=${second.nextBefore}`);
    expect(third.items).toHaveLength(20);
    expect(third.nextBefore).toBeNull();
    const all = [...first.items, ...second.items, ...third.items];
    expect(all.every((e) => e.actorLabel === 'Ada')).toBe(true);
    expect(new Set(all.map((e) => e.id)).size).toBe(120);
  });

  it('answers 400 with a reason for a cursor that is not a positive whole number', async () => {
    const admin = await HttpSession.signedIn(app, people.Ada!);
    for (const before of ['abc', '-5', '1.5', '0']) {
      const response = await admin.get(`/api/audit?before=${before}`);
      expect(response.status).toBe(400);
      expect(((await response.json()) as { error: { message: string } }).error.message).toMatch(/before/);
    }
  });

  it('is for admins only', async () => {
    expect((await (await HttpSession.signedIn(app, people.Sue!)).get('/api/audit')).status).toBe(403);
    expect((await new HttpSession(app.url).get('/api/audit')).status).toBe(401);
  });
});
