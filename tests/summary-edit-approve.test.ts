import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { EngagementDetail, EngagementList } from '../server/contract/api';
import { seedDemo } from '../server/demo/seed';
import { HttpSession, startTestApp, type TestApp } from './helpers/app';

let app: TestApp;
let users: Array<{ id: string; org_id: string; role: string; name: string }>;

beforeAll(async () => {
  app = await startTestApp();
  await seedDemo(app.running.services.db, new Date(), 12);
  users = await app.database.owner`select id, org_id, role, name from users order by name`;
});
afterAll(() => app.close());

const as = (role: string, index = 0) => {
  const user = users.filter((u) => u.role === role)[index]!;
  return HttpSession.signedIn(app, { id: user.id, orgId: user.org_id, role: user.role });
};

async function firstOwnEngagement(session: HttpSession, approved: boolean): Promise<EngagementDetail> {
  const list = (await (await session.get('/api/engagements?limit=100')).json()) as EngagementList;
  const item = list.items.find((i) => i.approved === approved && i.summaryStatus === 'ready');
  if (!item) throw new Error('no engagement in the demo data');
  return (await (await session.get(`/api/engagements/${item.id}`)).json()) as EngagementDetail;
}

describe('editing and approving a summary', () => {
  it('saves an edit as a new version, keeps the AI original, and measures the edit', async () => {
    const agent = await as('agent');
    const detail = await firstOwnEngagement(agent, false);
    const base = detail.summary!.currentVersion;
    const content = { ...detail.summary!.content!, reason: 'Customer called about something else entirely, it turns out.' };
    const response = await agent.request('PUT', `/api/engagements/${detail.engagement.id}/summary`, { baseVersion: base, content });
    expect(response.status).toBe(200);
    const saved = (await response.json()) as EngagementDetail;
    expect(saved.summary!.currentVersion).toBe(base + 1);
    expect(saved.summary!.content!.reason).toBe(content.reason);
    expect(saved.versions[0]!.source).toBe('ai');
    expect(saved.versions[0]!.content.reason).toBe(detail.versions[0]!.content.reason);
    expect(saved.versions.at(-1)!.editedBy?.id).toBeDefined();
    expect(saved.summary!.editRatio).toBeGreaterThan(0);

    const stale = await agent.request('PUT', `/api/engagements/${detail.engagement.id}/summary`, { baseVersion: base, content });
    expect(stale.status).toBe(409);

    const approve = await agent.post(`/api/engagements/${detail.engagement.id}/summary/approve`, { version: base + 1 });
    expect(approve.status).toBe(200);
    const approved = (await approve.json()) as EngagementDetail;
    expect(approved.summary!.approvedAt).not.toBeNull();
    expect(approved.engagement.approved).toBe(true);

    const [audit] = await app.database.owner`select count(*)::int as n from audit_log where action in ('summary.edited', 'summary.approved')`;
    expect(audit!.n).toBe(2);
  });

  it('rejects an invalid edit with a reason and writes nothing', async () => {
    const agent = await as('agent');
    const detail = await firstOwnEngagement(agent, false);
    const before = await app.database.owner`select count(*)::int as n from summary_versions`;
    const response = await agent.request('PUT', `/api/engagements/${detail.engagement.id}/summary`, {
      baseVersion: detail.summary!.currentVersion,
      content: { ...detail.summary!.content!, keyPoints: ['only one'] },
    });
    expect(response.status).toBe(400);
    expect(((await response.json()) as { error: { message: string } }).error.message).toMatch(/keyPoints/);
    const after = await app.database.owner`select count(*)::int as n from summary_versions`;
    expect(after[0]!.n).toBe(before[0]!.n);
  });

  it("an agent cannot see another agent's engagement (404, not 403)", async () => {
    const agentA = users.filter((u) => u.role === 'agent')[0]!;
    const [other] = await app.database.owner`select id from engagements where agent_user_id <> ${agentA.id} limit 1`;
    const agent = await as('agent', 0);
    expect((await agent.get(`/api/engagements/${other!.id}`)).status).toBe(404);
    const supervisor = await as('supervisor');
    expect((await supervisor.get(`/api/engagements/${other!.id}`)).status).toBe(200);
  });

  it('pushes an update to live subscribers when the summary changes', async () => {
    const agent = await as('agent');
    const detail = await firstOwnEngagement(agent, false);
    const controller = new AbortController();
    const stream = await fetch(`${app.url}/api/engagements/${detail.engagement.id}/events`, {
      headers: { cookie: agent.cookieHeader() },
      signal: controller.signal,
    });
    expect(stream.headers.get('content-type')).toMatch(/text\/event-stream/);
    const reader = stream.body!.getReader();
    const decoder = new TextDecoder();
    let buffer = '';
    // Frames without a data line (the server's keep-alive pings) are skipped: under load one can come first.
    const nextEvent = async (): Promise<{ detail: EngagementDetail }> => {
      for (;;) {
        while (!buffer.includes('\n\n')) {
          const { value, done } = await reader.read();
          if (done) throw new Error('stream ended');
          buffer += decoder.decode(value, { stream: true });
        }
        const index = buffer.indexOf('\n\n');
        const raw = buffer.slice(0, index);
        buffer = buffer.slice(index + 2);
        const data = raw.split('\n').find((l) => l.startsWith('data: '));
        if (data) return JSON.parse(data.slice(6)) as { detail: EngagementDetail };
      }
    };
    try {
      const initial = await nextEvent();
      expect(initial.detail.engagement.id).toBe(detail.engagement.id);
      const content = { ...detail.summary!.content!, reason: 'Live update check.' };
      await agent.request('PUT', `/api/engagements/${detail.engagement.id}/summary`, { baseVersion: detail.summary!.currentVersion, content });
      const update = await nextEvent();
      expect(update.detail.summary!.content!.reason).toBe('Live update check.');
    } finally {
      // An open stream would keep the server from closing in afterAll.
      controller.abort();
    }
  });
});
