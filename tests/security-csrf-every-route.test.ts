import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startFakeStripe, type FakeStripe } from './fakes/stripe';
import { HttpSession, startTestApp, type TestApp } from './helpers/app';
import { createOrgWithUsers } from './helpers/org-fixtures';
import { routesOf } from './helpers/routes';
import { changedTables, snapshotState } from './helpers/state-snapshot';

/**
 * CSRF on every state-changing route, and no state change on any GET, with routes read from the
 * app's own router: a route added later is covered without touching this file.
 */

/** Authenticated by their signature over the raw body instead (tests/security-webhook-fuzz.test.ts); mounted before sessions. */
const SIGNATURE_AUTHENTICATED = ['POST /webhooks/zoom', 'POST /webhooks/stripe'];

/**
 * Left out of "nothing was written": the session middleware runs before the CSRF check and the
 * routes, and extends the idle timeout of any request's session (its expires_at), stores the CSRF
 * token a signed-out visitor's /api/session hands out, and the OAuth state of /auth/zoom and
 * /auth/crm/:kind/connect. None of those is application data; every other table must stay as it was.
 */
// Sessions hold visitors' CSRF tokens and idle expiries; the rate limiter's counters count requests,
// which is their job (per-window counters keyed by a hash, no tenant data).
const SESSION_TABLES = ['sessions', 'rate_limit_counters'];

let app: TestApp;
let stripe: FakeStripe;
let orgId: string;
let ids: { engagement: string; zoomEngagement: string; category: string; user: string; notification: string; export: string };
const personas: Record<string, HttpSession> = {};

beforeAll(async () => {
  stripe = await startFakeStripe();
  // Demo mode adds its sign-in routes; Stripe makes checkout and the portal live, so a slip would write.
  app = await startTestApp({
    env: { DEMO_MODE: 'true', STRIPE_SECRET_KEY: stripe.secretKey, STRIPE_WEBHOOK_SECRET: stripe.webhookSecret, STRIPE_API_BASE_URL: stripe.url },
    start: { role: 'web' },
  });
  const owner = app.database.owner;
  const [org] = await owner<{ id: string }[]>`select id from organizations where is_demo`;
  orgId = org!.id;
  const users = await owner<{ id: string; role: string }[]>`select id, role from users where org_id = ${orgId} order by zoom_user_id`;
  const [engagement] = await owner<{ id: string; zoom_engagement_id: string }[]>`select id, zoom_engagement_id from engagements where org_id = ${orgId} limit 1`;
  const [category] = await owner<{ id: string }[]>`select id from categories where org_id = ${orgId} limit 1`;
  const [notification] = await owner<{ id: string }[]>`
    insert into notifications (org_id, kind, message) values (${orgId}, 'payment_failed', 'A notice to dismiss') returning id`;
  const [exported] = await owner<{ id: string }[]>`insert into data_exports (org_id, status) values (${orgId}, 'failed') returning id`;
  const agent = users.find((u) => u.role === 'agent')!;
  ids = {
    engagement: engagement!.id,
    zoomEngagement: engagement!.zoom_engagement_id,
    category: category!.id,
    user: agent.id,
    notification: notification!.id,
    export: exported!.id,
  };
  for (const role of ['agent', 'supervisor', 'admin'] as const) {
    personas[role] = await HttpSession.signedIn(app, { id: users.find((u) => u.role === role)!.id, orgId, role });
  }
  const other = await createOrgWithUsers(owner, 'csrf-other', [{ name: 'Outsider', role: 'admin' }]);
  personas.otherOrg = await HttpSession.signedIn(app, other.users.Outsider!);
  personas.anonymous = new HttpSession(app.url);
  await personas.anonymous.loadSession();
});
afterAll(async () => {
  await app?.close();
  await stripe?.close();
});

function concrete(pattern: string): string {
  if (pattern.startsWith('/api/categories/:id')) return pattern.replace(':id', ids.category);
  if (pattern.startsWith('/api/users/:id')) return pattern.replace(':id', ids.user);
  if (pattern.startsWith('/api/notifications/:id')) return pattern.replace(':id', ids.notification);
  if (pattern.startsWith('/api/account/exports/:id')) return pattern.replace(':id', ids.export);
  return pattern.replace(':zoomEngagementId', ids.zoomEngagement).replace(':id', ids.engagement).replace(':kind', 'hubspot');
}

/** Bodies that would succeed with the token: refusals must come from the CSRF check, not from validation. */
function bodyFor(route: string): unknown {
  const bodies: Record<string, unknown> = {
    'POST /api/categories': { name: 'Injected', description: '' },
    'PUT /api/categories/:id': { name: 'Renamed by a forged request', description: '' },
    'PUT /api/settings': { autoApprove: true, autoSyncOnApproval: true, redactPii: false, crmNoMatch: 'create' },
    'PUT /api/users/:id/role': { role: 'admin' },
    'POST /api/billing/checkout': { planId: 'team', seats: 3 },
    'POST /api/engagements/:id/summary/approve': { version: 1 },
    'POST /auth/demo': { userId: ids.user },
  };
  return bodies[route] ?? {};
}

const nonGetRoutes = () => routesOf(app.running.app!).filter((route) => !route.startsWith('GET ') && !SIGNATURE_AUTHENTICATED.includes(route));
const getRoutes = () => routesOf(app.running.app!).filter((route) => route.startsWith('GET '));

interface Attack {
  name: string;
  token: (real: string) => string | undefined;
  headers: () => Record<string, string>;
}

const ATTACKS: Attack[] = [
  { name: 'no token', token: () => undefined, headers: () => ({}) },
  { name: 'an empty token', token: () => '', headers: () => ({}) },
  { name: 'a wrong token of the same length', token: (real) => randomBytes(real.length).toString('base64url').slice(0, real.length), headers: () => ({}) },
  { name: "another session's token", token: () => personas.supervisor!.csrfToken, headers: () => ({}) },
  { name: 'a cross-site Origin', token: (real) => real, headers: () => ({ origin: 'https://evil.example' }) },
  { name: 'Origin null (sandboxed frame, data: URL)', token: (real) => real, headers: () => ({ origin: 'null' }) },
  { name: 'a lookalike Origin', token: (real) => real, headers: () => ({ origin: `${new URL(app.url).origin}.evil.example` }) },
  { name: 'Sec-Fetch-Site: cross-site', token: (real) => real, headers: () => ({ 'sec-fetch-site': 'cross-site' }) },
  { name: 'Sec-Fetch-Site: same-site (a sibling subdomain)', token: (real) => real, headers: () => ({ 'sec-fetch-site': 'same-site' }) },
];

describe('CSRF on every state-changing route', () => {
  it('finds the routes to check in the router, webhooks aside', () => {
    const routes = nonGetRoutes();
    expect(routes.length).toBeGreaterThan(20);
    expect(routes).toContain('POST /auth/demo');
    expect(routesOf(app.running.app!)).toEqual(expect.arrayContaining(SIGNATURE_AUTHENTICATED));
  });

  it("refuses a signed-in admin's request without the token, with a wrong one, cross-site Origin or Sec-Fetch-Site: 403 and nothing written", async () => {
    const admin = personas.admin!;
    const before = await snapshotState(app.database.owner, { exclude: SESSION_TABLES });
    const sessionBefore = await app.database.owner`select user_id, org_id, data - 'cookie' as data from sessions where user_id = ${ids.user} or org_id = ${orgId} order by sid`;
    const wrong: string[] = [];
    for (const route of nonGetRoutes()) {
      const [method, pattern] = route.split(' ') as [string, string];
      for (const attack of ATTACKS) {
        const token = attack.token(admin.csrfToken);
        const response = await fetch(app.url + concrete(pattern), {
          method,
          redirect: 'manual',
          headers: { cookie: admin.cookieHeader(), 'content-type': 'application/json', ...(token === undefined ? {} : { 'x-csrf-token': token }), ...attack.headers() },
          body: JSON.stringify(bodyFor(route)),
        });
        const body = (await response.json().catch(() => null)) as { error?: { code?: string } } | null;
        if (response.status !== 403 || body?.error?.code !== 'csrf') wrong.push(`${route} with ${attack.name}: ${response.status} ${body?.error?.code}`);
      }
    }
    expect(wrong).toEqual([]);
    expect(changedTables(before, await snapshotState(app.database.owner, { exclude: SESSION_TABLES }))).toEqual([]);
    // Sign-out and role changes end sessions: none of them did.
    expect(await app.database.owner`select user_id, org_id, data - 'cookie' as data from sessions where user_id = ${ids.user} or org_id = ${orgId} order by sid`).toEqual(
      sessionBefore,
    );
  });

  it('lets the same request through with the token from our own origin (so the refusals above are the CSRF check)', async () => {
    const before = await snapshotState(app.database.owner, { exclude: SESSION_TABLES });
    const sameOrigin = { origin: new URL(app.url).origin, 'sec-fetch-site': 'same-origin' };
    expect((await personas.admin!.post('/api/categories', bodyFor('POST /api/categories'), sameOrigin)).status).toBe(201);
    expect(changedTables(before, await snapshotState(app.database.owner, { exclude: SESSION_TABLES }))).not.toEqual([]);
  });
});

describe('no GET changes state', () => {
  it('every GET route as every persona leaves every table as it was (sessions aside)', async () => {
    const before = await snapshotState(app.database.owner, { exclude: SESSION_TABLES });
    const statuses: string[] = [];
    for (const route of getRoutes()) {
      const path = concrete(route.slice('GET '.length));
      for (const [name, persona] of Object.entries(personas)) {
        const controller = new AbortController();
        const response = await fetch(app.url + path, { headers: { cookie: persona.cookieHeader() }, redirect: 'manual', signal: controller.signal });
        // The live-updates stream never ends: its headers are all we need.
        if (route.endsWith('/events')) controller.abort();
        else await response.arrayBuffer();
        statuses.push(`${route} ${name} ${response.status}`);
      }
    }
    expect(statuses.length).toBeGreaterThan(100);
    // Admins did reach the routes (not 401 everywhere, which would prove nothing).
    expect(statuses.filter((s) => / admin 2\d\d$/.test(s)).length).toBeGreaterThan(15);
    expect(changedTables(before, await snapshotState(app.database.owner, { exclude: SESSION_TABLES }))).toEqual([]);
  });
});
