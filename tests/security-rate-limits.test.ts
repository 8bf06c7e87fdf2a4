import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { withOrg } from '../db/tenant';
import { fixedClock } from '../server/clock';
import { findOrCreateOrg, upsertUser } from '../server/orgs/organizations';
import { HttpSession, startTestApp, type TestApp } from './helpers/app';

/**
 * Abuse limits: per user and per organization on /api, a tighter budget for summary retries, per IP
 * on /auth. Counted in Postgres, so two app instances on one database share the counters. The clock
 * is fixed and moved past the window by hand: no waiting.
 */

const LIMITS = {
  RATE_LIMIT_WINDOW_SECONDS: '60',
  RATE_LIMIT_API_PER_USER: '5',
  RATE_LIMIT_API_PER_ORG: '8',
  RATE_LIMIT_RETRY_WINDOW_SECONDS: '3600',
  RATE_LIMIT_RETRY_PER_USER: '2',
  RATE_LIMIT_RETRY_PER_ORG: '3',
  RATE_LIMIT_AUTH_PER_IP: '4',
};

const clock = fixedClock(new Date());
let app: TestApp;
let second: TestApp;
const signedInIds: string[] = [];

beforeAll(async () => {
  app = await startTestApp({ env: LIMITS, start: { role: 'web', clock } });
  second = await startTestApp({ env: LIMITS, start: { role: 'web', clock }, database: app.database });
}, 60_000);
afterAll(async () => {
  await second?.close();
  await app?.close();
});

/** An organization of its own per test, so counters never carry over between tests. */
async function organization(roles: Array<'agent' | 'supervisor' | 'admin'>, on: TestApp = app) {
  const db = app.running.services.db;
  const label = randomUUID().slice(0, 8);
  const org = await findOrCreateOrg(db, { zoomAccountId: `rate-${label}`, name: `Org ${label}` });
  signedInIds.push(org.id);
  const sessions: HttpSession[] = [];
  for (const [index, role] of roles.entries()) {
    const user = await withOrg(db, org.id, (tx) =>
      upsertUser(tx, { orgId: org.id, zoomUserId: `${label}-${index}`, name: `User ${index}`, email: null, role, contactCenterRole: null, now: clock.now() }),
    );
    signedInIds.push(user.id);
    sessions.push(await HttpSession.signedIn(on, { id: user.id, orgId: org.id, role }));
  }
  return sessions;
}

async function errorOf(response: Response) {
  return ((await response.json()) as { error: { code: string; message: string; details: { limit: string; retryAfterSeconds: number } } }).error;
}

describe('per-user and per-organization API limits', () => {
  it("answers a user's request over the budget with 429, the reason, Retry-After and RateLimit headers", async () => {
    const [agent, colleague] = await organization(['agent', 'agent']);
    const first = await agent!.get('/api/notifications');
    expect(first.status).toBe(200);
    expect(first.headers.get('ratelimit-policy')).toBe('"user";q=5;w=60, "org";q=8;w=60');
    expect(first.headers.get('ratelimit')).toBe('"user";r=4;t=60, "org";r=7;t=60');
    for (let i = 2; i <= 5; i++) expect((await agent!.get('/api/notifications')).status).toBe(200);

    const refused = await agent!.get('/api/notifications');
    expect(refused.status).toBe(429);
    expect(refused.headers.get('retry-after')).toBe('60');
    expect(refused.headers.get('ratelimit')).toBe('"user";r=0;t=60');
    const error = await errorOf(refused);
    expect(error).toMatchObject({ code: 'rate_limited', details: { limit: 'user', retryAfterSeconds: 60 } });
    expect(error.message).toMatch(/Too many requests from your account \(5 in a minute\)/);
    // Another person of the same organization has a budget of their own.
    expect((await colleague!.get('/api/notifications')).status).toBe(200);
  });

  it('counts every user of an organization against the organization budget', async () => {
    const [a, b] = await organization(['agent', 'supervisor']);
    for (let i = 0; i < 4; i++) expect((await a!.get('/api/engagements')).status).toBe(200);
    for (let i = 0; i < 4; i++) expect((await b!.get('/api/notifications')).status).toBe(200);
    // b has made 4 of their own 5, but the organization's 8 are used.
    const refused = await b!.get('/api/notifications');
    expect(refused.status).toBe(429);
    expect((await errorOf(refused)).details.limit).toBe('org');
    expect((await a!.get('/api/notifications')).status).toBe(429);
    // Other organizations are not affected.
    const [outsider] = await organization(['agent']);
    expect((await outsider!.get('/api/notifications')).status).toBe(200);
  });

  it('shares the counters between two app instances on one database', async () => {
    const [onFirst] = await organization(['agent']);
    const onSecond = new HttpSession(second.url);
    onSecond.setCookieHeader(onFirst!.cookieHeader());
    onSecond.csrfToken = onFirst!.csrfToken;
    for (let i = 0; i < 3; i++) expect((await onFirst!.get('/api/notifications')).status).toBe(200);
    for (let i = 0; i < 2; i++) expect((await onSecond.get('/api/notifications')).status).toBe(200);
    expect((await onSecond.get('/api/notifications')).status).toBe(429);
    expect((await onFirst!.get('/api/notifications')).status).toBe(429);
  });
});

describe('summary retries', () => {
  it('have a much smaller budget of their own, per user and per organization', async () => {
    const [first, other] = await organization(['supervisor', 'admin']);
    const retry = (session: HttpSession) => session.post(`/api/engagements/${randomUUID()}/summary/retry`);
    // Within the budget the route answers as usual (no such engagement here).
    expect((await retry(first!)).status).toBe(404);
    expect((await retry(first!)).status).toBe(404);
    const refused = await retry(first!);
    expect(refused.status).toBe(429);
    expect(refused.headers.get('retry-after')).toBe('3600');
    expect(refused.headers.get('ratelimit-policy')).toContain('"retry-user";q=2;w=3600');
    expect(await errorOf(refused)).toMatchObject({ details: { limit: 'retry-user' } });

    expect((await retry(other!)).status).toBe(404);
    const orgRefused = await retry(other!);
    expect(orgRefused.status).toBe(429);
    expect((await errorOf(orgRefused)).details.limit).toBe('retry-org');
    // The ordinary API budget is separate and still open.
    expect((await other!.get('/api/notifications')).status).toBe(200);
  });
});

describe('anonymous sign-in endpoints', () => {
  it('are limited per IP, before a session is created', async () => {
    const start = () => fetch(`${app.url}/auth/zoom?returnTo=/app`, { redirect: 'manual' });
    for (let i = 0; i < 4; i++) expect((await start()).status).toBe(302);
    const [before] = await app.database.owner`select count(*)::int as n from sessions`;
    const refused = await start();
    expect(refused.status).toBe(429);
    expect(Number(refused.headers.get('retry-after'))).toBeGreaterThan(0);
    expect(refused.headers.get('ratelimit-policy')).toBe('"ip";q=4;w=60');
    expect(await errorOf(refused)).toMatchObject({ code: 'rate_limited', details: { limit: 'ip' } });
    expect(refused.headers.getSetCookie()).toEqual([]);
    const [after] = await app.database.owner`select count(*)::int as n from sessions`;
    expect(after!.n).toBe(before!.n);
  });
});

describe('the counters table', () => {
  it('holds no user, organization or IP, only keyed digests', async () => {
    const rows = await app.database.owner<{ row: string }[]>`select t::text as row from rate_limit_counters t`;
    expect(rows.length).toBeGreaterThan(5);
    const text = rows.map((r) => r.row).join('\n');
    for (const id of signedInIds) expect(text).not.toContain(id);
    expect(text).not.toMatch(/127\.0\.0\.1|::1/);
  });

  it('starts a fresh window once the old one has passed, and deletes the passed windows', async () => {
    const [agent] = await organization(['agent']);
    for (let i = 0; i < 5; i++) expect((await agent!.get('/api/notifications')).status).toBe(200);
    expect((await agent!.get('/api/notifications')).status).toBe(429);

    clock.advance(60_000);
    const again = await agent!.get('/api/notifications');
    expect(again.status).toBe(200);
    expect(again.headers.get('ratelimit')).toBe('"user";r=4;t=60, "org";r=7;t=60');
    const [expired] = await app.database.owner`select count(*)::int as n from rate_limit_counters where resets_at <= ${clock.now().toISOString()}`;
    expect(expired!.n).toBe(0);
    // The retry counters' hour has not passed: they stay.
    const [left] = await app.database.owner`select count(*)::int as n from rate_limit_counters`;
    expect(left!.n).toBeGreaterThanOrEqual(4);
  });
});
