import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { withOrg } from '../db/tenant';
import { seedDemo } from '../server/demo/seed';
import { findOrCreateOrg, upsertUser } from '../server/orgs/organizations';
import { HttpSession, startTestApp, type TestApp } from './helpers/app';
import { routesOf } from './helpers/routes';

/**
 * Every route the app serves × {anonymous, agent, supervisor, admin, a user of another organization}.
 * Routes come from the app's own router, so a route added without an entry here fails the suite.
 */

type Persona = 'anonymous' | 'agent' | 'otherAgent' | 'supervisor' | 'admin' | 'otherOrg';
type Access = 'public' | 'user' | 'supervisor' | 'admin';

interface Policy {
  access: Access;
  /** Takes an id of one organization's data: others get 404 (never 403, so ids are not confirmed). */
  scoped?: boolean;
  /** For scoped routes: an agent who does not own the engagement gets 404 too. */
  ownerOnly?: boolean;
  /** The status an authorized caller gets with the probe request below. */
  ok: number;
  /** Role is checked before the id (the route refuses the role without looking the id up). */
  roleFirst?: boolean;
  body?: unknown;
  /** Skip reading the body (streams). */
  stream?: boolean;
}

const ROUTES: Record<string, Policy> = {
  'GET /healthz': { access: 'public', ok: 200 },
  'GET /readyz': { access: 'public', ok: 200 },
  'GET /metrics': { access: 'public', ok: 200 }, // loopback-only without METRICS_TOKEN: tests/metrics.test.ts covers the token
  'POST /webhooks/zoom': { access: 'public', ok: 401 }, // unsigned: refused for everyone, signature is the authentication
  'GET /api/session': { access: 'public', ok: 200 },
  'POST /auth/sign-out': { access: 'public', ok: 204 },
  'POST /auth/sign-out-everywhere': { access: 'user', ok: 200 }, // ends the personas' sessions: tests/session-lifecycle.test.ts probes it
  'GET /auth/zoom': { access: 'public', ok: 302 },
  'GET /auth/zoom/callback': { access: 'public', ok: 400 },
  'POST /auth/zoom/in-client/start': { access: 'public', ok: 200 },
  'POST /auth/zoom/in-client/complete': { access: 'public', ok: 400, body: { code: 'x', state: 'not-started' } },
  'GET /api/engagements': { access: 'user', ok: 200 },
  'GET /api/engagements.csv': { access: 'user', ok: 200 },
  'GET /api/engagements/by-zoom/:zoomEngagementId': { access: 'user', scoped: true, ownerOnly: true, ok: 200 },
  'GET /api/engagements/:id': { access: 'user', scoped: true, ownerOnly: true, ok: 200 },
  'GET /api/engagements/:id/customer-history': { access: 'user', scoped: true, ownerOnly: true, ok: 200 },
  'GET /api/engagements/:id/events': { access: 'user', scoped: true, ownerOnly: true, ok: 200, stream: true },
  'PUT /api/engagements/:id/summary': { access: 'user', scoped: true, ownerOnly: true, ok: 409, body: 'stale-edit' },
  'POST /api/engagements/:id/summary/approve': { access: 'user', scoped: true, ownerOnly: true, ok: 409, body: { version: 999 } },
  'POST /api/engagements/:id/summary/retry': { access: 'supervisor', scoped: true, ok: 409, roleFirst: true },
  'POST /api/engagements/:id/crm-sync/retry': { access: 'user', scoped: true, ownerOnly: true, ok: 409 },
  'GET /api/integrations': { access: 'admin', ok: 200 },
  'GET /auth/crm/:kind/connect': { access: 'admin', ok: 302 },
  'GET /auth/crm/:kind/callback': { access: 'admin', ok: 302 },
  'DELETE /api/integrations/:kind': { access: 'admin', ok: 404 },
  'GET /api/categories': { access: 'user', ok: 200 },
  'POST /api/categories': { access: 'admin', ok: 400, body: { name: '' } },
  'PUT /api/categories/order': { access: 'admin', ok: 400, body: { ids: [] } },
  'PUT /api/categories/:id': { access: 'admin', scoped: true, roleFirst: true, ok: 404, body: { name: 'Renamed', description: '' } }, // an engagement id is no category
  'DELETE /api/categories/:id': { access: 'admin', scoped: true, roleFirst: true, ok: 404 },
  'GET /api/settings': { access: 'admin', ok: 200 },
  'PUT /api/settings': { access: 'admin', ok: 400, body: { autoApprove: 'yes' } },
  'GET /api/users': { access: 'admin', ok: 200 },
  'PUT /api/users/:id/role': { access: 'admin', scoped: true, roleFirst: true, ok: 404, body: { role: 'agent' } }, // an engagement id is no user
  'GET /api/analytics': { access: 'supervisor', ok: 400 }, // the period is required
  'GET /api/analytics.csv': { access: 'supervisor', ok: 400 },
  'GET /api/audit': { access: 'admin', ok: 200 },
  'GET /api/notifications': { access: 'user', ok: 200 },
  'POST /api/notifications/:id/dismiss': { access: 'user', scoped: true, ok: 404 },
  'GET /api/filters': { access: 'user', ok: 200 },
  'GET /api/billing': { access: 'admin', ok: 200 },
  'POST /api/billing/checkout': { access: 'admin', ok: 409, body: { planId: 'team', seats: 3 } }, // billing is off in this app
  'POST /api/billing/portal': { access: 'admin', ok: 409 },
  'POST /webhooks/stripe': { access: 'public', ok: 404 }, // billing off: no endpoint
  'GET /api/account': { access: 'admin', ok: 200 },
  'POST /api/account/exports': { access: 'admin', ok: 202 },
  'GET /api/account/exports/:id/download': { access: 'admin', scoped: true, roleFirst: true, ok: 409 }, // a failed export: nothing to download
  'POST /api/account/deletion': { access: 'admin', ok: 200 },
  'DELETE /api/account/deletion': { access: 'admin', ok: 200 },
};

function expected(policy: Policy, persona: Persona): number {
  if (policy.access === 'public') return policy.ok;
  if (persona === 'anonymous') return 401;
  const rank = { agent: 1, otherAgent: 1, supervisor: 2, admin: 3, otherOrg: 3 }[persona];
  const needed = { user: 1, supervisor: 2, admin: 3 }[policy.access];
  if (policy.roleFirst && rank < needed) return 403;
  if (policy.scoped && persona === 'otherOrg') return 404;
  if (policy.scoped && policy.ownerOnly && persona === 'otherAgent') return 404;
  if (rank < needed) return 403;
  return policy.ok;
}

let app: TestApp;
let sessions: Record<Persona, HttpSession>;
let target: { id: string; zoomId: string };

beforeAll(async () => {
  // 10,000 requests from one user: the abuse limits (tests/security-rate-limits.test.ts) are lifted here.
  const unlimited = '0';
  app = await startTestApp({ env: { RATE_LIMIT_API_PER_USER: unlimited, RATE_LIMIT_API_PER_ORG: unlimited, RATE_LIMIT_RETRY_PER_USER: unlimited, RATE_LIMIT_RETRY_PER_ORG: unlimited, RATE_LIMIT_AUTH_PER_IP: unlimited } });
  const { orgId } = await seedDemo(app.running.services.db, new Date(), 12);
  const users = await app.database.owner<{ id: string; role: string; zoom_user_id: string }[]>`select id, role, zoom_user_id from users where org_id = ${orgId} order by zoom_user_id`;
  const [engagement] = await app.database.owner<{ id: string; zoom_engagement_id: string; agent_user_id: string }[]>`
    select e.id, e.zoom_engagement_id, e.agent_user_id from engagements e join summaries s on s.engagement_id = e.id
    where s.approved_at is null order by e.zoom_engagement_id limit 1`;
  target = { id: engagement!.id, zoomId: engagement!.zoom_engagement_id };
  const [queuedExport] = await app.database.owner<{ id: string }[]>`insert into data_exports (org_id, status, created_at) values (${orgId}, 'failed', now() - interval '5 hours') returning id`;
  exportId = queuedExport!.id;
  const owner = users.find((u) => u.id === engagement!.agent_user_id)!;
  const otherAgent = users.find((u) => u.role === 'agent' && u.id !== owner.id)!;
  const other = await findOrCreateOrg(app.running.services.db, { zoomAccountId: 'other-account', name: 'Other Org' });
  const outsider = await withOrg(app.running.services.db, other.id, (tx) =>
    upsertUser(tx, { orgId: other.id, zoomUserId: 'outsider', name: 'Outsider', email: null, role: 'admin', contactCenterRole: 'Admin', now: new Date() }),
  );
  const signed = (user: { id: string; role: string }, org: string) => HttpSession.signedIn(app, { id: user.id, orgId: org, role: user.role });
  const anonymous = new HttpSession(app.url);
  await anonymous.loadSession();
  sessions = {
    anonymous,
    agent: await signed(owner, orgId),
    otherAgent: await signed(otherAgent, orgId),
    supervisor: await signed(users.find((u) => u.role === 'supervisor')!, orgId),
    admin: await signed(users.find((u) => u.role === 'admin')!, orgId),
    otherOrg: await signed(outsider, other.id),
  };
});
afterAll(() => app.close());

let exportId = '';

function concretePath(pattern: string): string {
  if (pattern.includes('/exports/:id')) return pattern.replace(':id', exportId);
  return pattern.replace(':zoomEngagementId', target.zoomId).replace(':id', target.id).replace(':kind', 'hubspot');
}

async function probe(persona: Persona, key: string, policy: Policy): Promise<number> {
  const [method, pattern] = key.split(' ') as [string, string];
  const path = concretePath(pattern);
  let body = policy.body;
  if (body === 'stale-edit') {
    const detail = (await (await sessions.admin.get(`/api/engagements/${target.id}`)).json()) as { summary: { content: unknown } };
    body = { baseVersion: 999, content: detail.summary.content };
  }
  if (policy.stream) {
    const controller = new AbortController();
    const response = await fetch(app.url + path, { headers: { cookie: sessions[persona].cookieHeader() }, signal: controller.signal });
    controller.abort();
    return response.status;
  }
  const response = await sessions[persona].request(method, path, method === 'GET' || method === 'DELETE' ? undefined : (body ?? {}));
  await response.arrayBuffer();
  return response.status;
}

describe('access control matrix', () => {
  it('has an entry for every route the app serves (a new route must be added here)', () => {
    const served = routesOf(app.running.app!).sort();
    expect(served.filter((route) => !(route in ROUTES))).toEqual([]);
    expect(Object.keys(ROUTES).filter((route) => !served.includes(route))).toEqual([]);
  });

  it('answers every route for every persona with the expected status: zero mismatches', async () => {
    const mismatches: string[] = [];
    // Sign-out ends the session: probe it last.
    const keys = Object.keys(ROUTES).sort((a, b) => Number(a === 'POST /auth/sign-out') - Number(b === 'POST /auth/sign-out'));
    for (const key of keys) {
      for (const persona of Object.keys(sessions) as Persona[]) {
        if (key === 'POST /auth/sign-out' || key === 'POST /auth/sign-out-everywhere') continue;
        const status = await probe(persona, key, ROUTES[key]!);
        const want = expected(ROUTES[key]!, persona);
        if (status !== want) mismatches.push(`${key} as ${persona}: ${status}, expected ${want}`);
      }
    }
    expect(mismatches).toEqual([]);
  });

  it('ignores role and org_id smuggled in request bodies', async () => {
    const before = await app.database.owner`select id, role, org_id from users order by id`;
    await sessions.agent.request('PUT', `/api/engagements/${target.id}/summary`, { baseVersion: 999, role: 'admin', orgId: 'x', org_id: 'x' });
    await sessions.agent.post('/api/engagements/' + target.id + '/summary/approve', { version: 999, role: 'admin', org_id: 'x' });
    const info = (await (await sessions.agent.get('/api/session')).json()) as { user: { role: string } };
    expect(info.user.role).toBe('agent');
    expect(await app.database.owner`select id, role, org_id from users order by id`).toEqual(before);
  });
});

describe('tenant isolation under attack', () => {
  it('10,000 random cross-tenant requests by id on every id route: zero leaks, always 404', async () => {
    const ids = (await app.database.owner<{ id: string; zoom_engagement_id: string }[]>`select id, zoom_engagement_id from engagements`).map((r) => r);
    const idRoutes = Object.entries(ROUTES).filter(([, policy]) => policy.scoped && !policy.stream);
    const leaks: string[] = [];
    // fast-check draws the 10,000 cases (seeded, so a failure reproduces); they run 16 at a time.
    const cases = fc.sample(fc.tuple(fc.constantFrom(...idRoutes), fc.constantFrom(...ids)), { numRuns: 10_000, seed: 20261129 });
    let next = 0;
    const worker = async () => {
      while (next < cases.length) {
        const [[key, policy], row] = cases[next++]!;
        const [method, pattern] = key.split(' ') as [string, string];
        const path = pattern.replace(':zoomEngagementId', row.zoom_engagement_id).replace(':id', row.id);
        const body = policy.body === 'stale-edit' ? { baseVersion: 1, content: {} } : (policy.body ?? {});
        const response = await sessions.otherOrg.request(method, path, method === 'GET' ? undefined : body);
        const text = await response.text();
        if (response.status !== 404 && !(response.status === 400 && method === 'PUT')) leaks.push(`${key} ${response.status}`);
        if (text.includes(row.id) || text.includes(row.zoom_engagement_id)) leaks.push(`${key} echoed the id`);
      }
    };
    await Promise.all(Array.from({ length: 16 }, worker));
    expect(cases).toHaveLength(10_000);
    expect(leaks).toEqual([]);
  }, 300_000);
});
