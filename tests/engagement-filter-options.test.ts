import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FilterOptions } from '../server/contract/api';
import { filterRoutes } from '../server/engagements/filters';
import { HttpSession, startTestApp, type TestApp } from './helpers/app';
import { createOrgWithUsers, type FixtureUser } from './helpers/org-fixtures';

let app: TestApp;
let people: Record<string, FixtureUser>;

beforeAll(async () => {
  app = await startTestApp({ start: { app: { api: [filterRoutes] } } });
  const org = await createOrgWithUsers(app.database.owner, 'filters', [
    { name: 'Ann', role: 'agent' },
    { name: 'Bob', role: 'agent' },
    { name: 'Sue', role: 'supervisor' },
    { name: 'Ada', role: 'admin' },
  ]);
  people = org.users;
  const other = await createOrgWithUsers(app.database.owner, 'filters-other', [{ name: 'Oz', role: 'agent' }]);
  const engagement = async (orgId: string, agentId: string | null, queueId: string | null, queueName: string | null, at: string) => {
    const id = randomUUID();
    await app.database.owner`insert into engagements (id, org_id, zoom_engagement_id, agent_user_id, queue_id, queue_name, activity_at, status)
      values (${id}, ${orgId}, ${'z-' + id}, ${agentId}, ${queueId}, ${queueName}, ${new Date(at)}, 'ended')`;
  };
  // Sue (a supervisor) took a call; the billing queue was renamed since its first call.
  await engagement(org.orgId, people.Sue!.id, 'q-billing', 'Billing (old name)', '2026-01-01T00:00:00Z');
  await engagement(org.orgId, people.Ann!.id, 'q-billing', 'Billing', '2026-02-01T00:00:00Z');
  await engagement(org.orgId, people.Ann!.id, 'q-support', 'Support', '2026-01-15T00:00:00Z');
  await engagement(org.orgId, null, 'q-x', null, '2026-01-15T00:00:00Z');
  await engagement(org.orgId, null, null, null, '2026-01-15T00:00:00Z');
  await engagement(other.orgId, other.users.Oz!.id, 'q-secret', 'Their queue', '2026-01-15T00:00:00Z');
  await app.database.owner`insert into categories (org_id, name, position) values (${org.orgId}, 'Sales', 1), (${org.orgId}, 'Billing', 0), (${other.orgId}, 'Theirs', 0)`;
});
afterAll(() => app.close());

describe('filter options', () => {
  it("lists agents, everyone who owns an engagement, the queues seen with their latest name, and categories", async () => {
    const response = await (await HttpSession.signedIn(app, people.Ann!)).get('/api/filters');
    expect(response.status).toBe(200);
    const options = (await response.json()) as FilterOptions;
    expect(options.agents.map((a) => a.name)).toEqual(['Ann', 'Bob', 'Sue']);
    expect(options.agents[0]).toEqual({ id: people.Ann!.id, name: 'Ann' });
    expect(options.queues).toEqual([
      { id: 'q-billing', name: 'Billing' },
      { id: 'q-x', name: 'q-x' },
      { id: 'q-support', name: 'Support' },
    ]);
    expect(options.categories.map((c) => [c.name, c.position])).toEqual([
      ['Billing', 0],
      ['Sales', 1],
    ]);
  });

  it('needs a signed-in user', async () => {
    expect((await new HttpSession(app.url).get('/api/filters')).status).toBe(401);
  });
});
