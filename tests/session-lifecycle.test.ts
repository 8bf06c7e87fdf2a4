import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedDemo } from '../server/demo/seed';
import { HttpSession, startTestApp, type TestApp } from './helpers/app';

let app: TestApp;
let admin: { id: string };

beforeAll(async () => {
  app = await startTestApp({ env: { DEMO_MODE: 'true' } });
  await seedDemo(app.running.services.db, new Date(), 3);
  const [row] = await app.database.owner<{ id: string }[]>`select id from users where role = 'admin'`;
  admin = row!;
});
afterAll(() => app.close());

describe('sessions and CSRF', () => {
  it('a signed-out visitor gets a session only for its CSRF token, stored in Postgres', async () => {
    const browser = new HttpSession(app.url);
    const info = await browser.loadSession<{ user: unknown; csrfToken: string }>();
    expect(info.user).toBeNull();
    expect(info.csrfToken.length).toBeGreaterThan(20);
    const cookie = browser.cookieHeader();
    expect(cookie).toMatch(/^callrecap\.sid=/);
    const [row] = await app.database.owner`select count(*)::int as n from sessions`;
    expect(row!.n).toBeGreaterThan(0);
  });

  it('signing in issues a new session id and the old one stops working', async () => {
    const browser = new HttpSession(app.url);
    await browser.loadSession();
    const before = browser.cookieHeader();
    const response = await browser.post('/auth/demo', { userId: admin.id });
    expect(response.status).toBe(200);
    const after = browser.cookieHeader();
    expect(after).not.toEqual(before);
    const me = (await (await browser.get('/api/session')).json()) as { user: { id: string } | null };
    expect(me.user?.id).toBe(admin.id);
    const oldCookie = await fetch(`${app.url}/api/session`, { headers: { cookie: before } });
    expect(((await oldCookie.json()) as { user: unknown }).user).toBeNull();
  });

  it('refuses a state change without the CSRF token or from another site', async () => {
    const browser = new HttpSession(app.url);
    await browser.loadSession();
    const token = browser.csrfToken;
    browser.csrfToken = '';
    expect((await browser.post('/auth/demo', { userId: admin.id })).status).toBe(403);
    browser.csrfToken = token;
    expect((await browser.post('/auth/demo', { userId: admin.id }, { origin: 'https://evil.example' })).status).toBe(403);
    expect((await browser.post('/auth/demo', { userId: admin.id }, { 'sec-fetch-site': 'cross-site' })).status).toBe(403);
    expect((await browser.post('/auth/demo', { userId: admin.id })).status).toBe(200);
  });

  it('sign-out ends the session', async () => {
    const browser = new HttpSession(app.url);
    await browser.loadSession();
    await browser.post('/auth/demo', { userId: admin.id });
    await browser.loadSession();
    expect((await browser.post('/auth/sign-out')).status).toBe(204);
    const me = (await (await browser.get('/api/session')).json()) as { user: unknown };
    expect(me.user).toBeNull();
  });

  it('sign-out on all devices ends every session of that user and no one else, and is audited', async () => {
    const laptop = new HttpSession(app.url);
    const phone = new HttpSession(app.url);
    const colleague = new HttpSession(app.url);
    const [other] = await app.database.owner<{ id: string }[]>`select id from users where role = 'agent' limit 1`;
    for (const [browser, userId] of [[laptop, admin.id], [phone, admin.id], [colleague, other!.id]] as const) {
      await browser.loadSession();
      expect((await browser.post('/auth/demo', { userId })).status).toBe(200);
    }
    await laptop.loadSession();
    const response = await laptop.post('/auth/sign-out-everywhere');
    expect(response.status).toBe(200);
    expect(((await response.json()) as { ended: number }).ended).toBeGreaterThanOrEqual(2);
    const whoIs = async (browser: HttpSession) => ((await (await browser.get('/api/session')).json()) as { user: { id: string } | null }).user?.id ?? null;
    expect(await whoIs(laptop)).toBeNull();
    expect(await whoIs(phone)).toBeNull();
    expect(await whoIs(colleague)).toBe(other!.id);
    const [audit] = await app.database.owner<{ n: number }[]>`
      select count(*)::int as n from audit_log where action = 'auth.sign_out_everywhere' and actor_user_id = ${admin.id}`;
    expect(audit!.n).toBe(1);
  });

  it('sign-out on all devices needs a signed-in user', async () => {
    const visitor = new HttpSession(app.url);
    await visitor.loadSession();
    expect((await visitor.post('/auth/sign-out-everywhere')).status).toBe(401);
  });

  it('malformed and oversized JSON bodies get a 4xx with a reason', async () => {
    const browser = new HttpSession(app.url);
    await browser.loadSession();
    const malformed = await browser.request('POST', '/auth/demo', '{"userId":', { 'content-type': 'application/json' });
    expect(malformed.status).toBe(400);
    const huge = await browser.request('POST', '/auth/demo', JSON.stringify({ userId: 'x'.repeat(200_000) }));
    expect(huge.status).toBe(413);
    const invalid = await browser.post('/auth/demo', { userId: 'not-a-uuid' });
    expect(invalid.status).toBe(400);
    expect(((await invalid.json()) as { error: { message: string } }).error.message).toMatch(/userId/);
  });
});
