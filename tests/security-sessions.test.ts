import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { accountPurgeHandler } from '../jobs/handlers/account-purge';
import type { JobContext } from '../jobs/worker';
import { fixedClock } from '../server/clock';
import { DEMO_ZOOM_ACCOUNT_ID } from '../server/demo/seed';
import { PostgresSessionStore } from '../server/http/session-store';
import { HttpSession, sessionCookieFor } from './helpers/app';
import { createOrgWithUsers } from './helpers/org-fixtures';
import { startZoomTestApp, type ZoomTestApp } from './helpers/zoom-app';

/**
 * Session cookies and lifetimes on an HTTPS deployment (behind its TLS-terminating proxy), and the
 * events that must end every session of a person or an organization at once. Time is the app's
 * clock, moved by the test; the idle expiry lives in the sessions table and is back-dated there.
 */

const PUBLIC_URL = 'https://callrecap.example';
const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;
const clock = fixedClock(new Date());
let app: ZoomTestApp;
let people: { admin: string; supervisor: string; agent: string; otherAgent: string };

/** A browser reaching the app through the load balancer, which forwards the HTTPS scheme. */
class Browser extends HttpSession {
  override request(method: string, path: string, body?: unknown, headers: Record<string, string> = {}): Promise<Response> {
    return super.request(method, path, body, { 'x-forwarded-proto': 'https', ...headers });
  }

  async signIn(userId: string): Promise<Response> {
    await this.loadSession();
    const response = await this.post('/auth/demo', { userId });
    expect(response.status).toBe(200);
    await this.loadSession();
    return response;
  }

  async user(): Promise<{ id: string } | null> {
    const response = await this.get('/api/session');
    expect(response.status).toBe(200);
    return ((await response.json()) as { user: { id: string } | null }).user;
  }

  sid(): string {
    const value = decodeURIComponent(this.cookieHeader().replace(/^__Host-callrecap\.sid=/, ''));
    return value.slice(2, value.lastIndexOf('.'));
  }
}

/** A session row we insert (sign-in without Zoom), under the cookie name an HTTPS deployment uses. */
const sessionOf = async (user: { id: string; orgId: string; role: string }) => {
  const browser = new Browser(app.url);
  const { cookie, csrfToken } = await sessionCookieFor(app, user, { signedInAt: clock.now().getTime() });
  browser.setCookieHeader(`__Host-${cookie}`);
  browser.csrfToken = csrfToken;
  return browser;
};

const signedIn = async (userId: string) => {
  const browser = new Browser(app.url);
  await browser.signIn(userId);
  return browser;
};
const sessionRows = async (where: { userId?: string; orgId?: string }) =>
  where.userId
    ? ((await app.database.owner`select count(*)::int as n from sessions where user_id = ${where.userId}`)[0]!.n as number)
    : ((await app.database.owner`select count(*)::int as n from sessions where org_id = ${where.orgId!}`)[0]!.n as number);

let demoOrgId: string;

beforeAll(async () => {
  app = await startZoomTestApp({ env: { DEMO_MODE: 'true', PUBLIC_URL }, start: { role: 'web', clock } });
  const users = await app.database.owner<{ id: string; role: string; org_id: string }[]>`
    select u.id, u.role, u.org_id from users u join organizations o on o.id = u.org_id where o.is_demo order by u.zoom_user_id`;
  demoOrgId = users[0]!.org_id;
  const agents = users.filter((u) => u.role === 'agent');
  people = {
    admin: users.find((u) => u.role === 'admin')!.id,
    supervisor: users.find((u) => u.role === 'supervisor')!.id,
    agent: agents[0]!.id,
    otherAgent: agents[1]!.id,
  };
});
afterAll(() => app?.close());

describe('the session cookie on an HTTPS deployment', () => {
  it('is __Host- prefixed, Secure, HttpOnly, SameSite=None and Partitioned (the Zoom panel is a third-party frame), host-only at path /', async () => {
    const browser = new Browser(app.url);
    const first = await browser.get('/api/session');
    const signIn = await browser.post('/auth/demo', { userId: people.admin });
    for (const response of [first, signIn]) {
      const [cookie] = response.headers.getSetCookie();
      expect(cookie).toMatch(/^__Host-callrecap\.sid=s%3A/);
      const attributes = cookie!.split(';').slice(1).map((a) => a.trim().toLowerCase());
      expect(attributes).toEqual(expect.arrayContaining(['path=/', 'httponly', 'secure', 'samesite=none', 'partitioned']));
      expect(attributes.some((a) => a.startsWith('domain='))).toBe(false);
      const expires = Date.parse(attributes.find((a) => a.startsWith('expires='))!.slice('expires='.length));
      expect(Math.abs(expires - (Date.now() + 30 * MINUTE))).toBeLessThan(MINUTE);
    }
  });

  it('is never sent over plain HTTP, where Secure would be a lie', async () => {
    const response = await fetch(`${app.url}/api/session`); // no X-Forwarded-Proto: the proxy did not terminate TLS
    expect(response.status).toBe(200);
    expect(response.headers.getSetCookie()).toEqual([]);
  });

  it('a cookie without the __Host- prefix is not a session', async () => {
    const browser = await signedIn(people.admin);
    const plain = new Browser(app.url);
    plain.setCookieHeader(browser.cookieHeader().replace('__Host-callrecap.sid', 'callrecap.sid'));
    expect(await plain.user()).toBeNull();
  });
});

describe('session lifetimes', () => {
  it('ends 30 minutes after the last request: the expiry moves with activity and is enforced', async () => {
    const browser = await signedIn(people.supervisor);
    const expiry = async () => new Date((await app.database.owner`select expires_at from sessions where sid = ${browser.sid()}`)[0]!.expires_at as string).getTime();
    expect(Math.abs((await expiry()) - (Date.now() + 30 * MINUTE))).toBeLessThan(MINUTE);
    // 29 minutes idle: still signed in, and the request moves the expiry 30 minutes on.
    await app.database.owner`update sessions set expires_at = now() + interval '1 minute' where sid = ${browser.sid()}`;
    expect((await browser.user())?.id).toBe(people.supervisor);
    expect(Math.abs((await expiry()) - (Date.now() + 30 * MINUTE))).toBeLessThan(MINUTE);
    // 30 minutes idle: gone.
    await app.database.owner`update sessions set expires_at = now() - interval '1 second' where sid = ${browser.sid()}`;
    expect(await browser.user()).toBeNull();
    expect((await browser.get('/api/engagements')).status).toBe(401);
  });

  it('ends 12 hours after sign-in however active it is, and a fresh session is handed out instead', async () => {
    const browser = await signedIn(people.supervisor);
    const sid = browser.sid();
    for (let hours = 1; hours < 12; hours += 1) {
      clock.advance(HOUR);
      expect((await browser.user())?.id, `after ${hours} h`).toBe(people.supervisor);
    }
    clock.advance(HOUR - 1000); // 11:59:59
    expect((await browser.user())?.id).toBe(people.supervisor);
    clock.advance(2000); // 12:00:01
    expect(await browser.user()).toBeNull();
    expect((await app.database.owner`select count(*)::int as n from sessions where sid = ${sid}`)[0]!.n).toBe(0);
    expect((await browser.get('/api/engagements')).status).toBe(401);
    // Signing in again works at once.
    await browser.signIn(people.supervisor);
    expect((await browser.user())?.id).toBe(people.supervisor);
  });
});

describe('events that end every session at once', () => {
  it("a role change ends all of that user's sessions (web and panel alike), and only theirs", async () => {
    const admin = await signedIn(people.admin);
    const agentWeb = await signedIn(people.agent);
    const agentPanel = await signedIn(people.agent);
    const bystander = await signedIn(people.otherAgent);
    expect(await sessionRows({ userId: people.agent })).toBe(2);
    const response = await admin.request('PUT', `/api/users/${people.agent}/role`, { role: 'supervisor' });
    expect(response.status).toBe(200);
    expect(await sessionRows({ userId: people.agent })).toBe(0);
    expect(await agentWeb.user()).toBeNull();
    expect(await agentPanel.user()).toBeNull();
    expect((await bystander.user())?.id).toBe(people.otherAgent);
    expect((await admin.user())?.id).toBe(people.admin);
    await admin.request('PUT', `/api/users/${people.agent}/role`, { role: 'agent' });
  });

  it("an admin who changes their own role is signed out too, and their other sessions with it", async () => {
    const other = await createOrgWithUsers(app.database.owner, 'self-demotion', [
      { name: 'Ada', role: 'admin' },
      { name: 'Bea', role: 'admin' },
    ]);
    const web = await sessionOf(other.users.Ada!);
    const second = await sessionOf(other.users.Ada!);
    const response = await web.request('PUT', `/api/users/${other.users.Ada!.id}/role`, { role: 'agent' });
    expect(response.status).toBe(200);
    expect(await sessionRows({ userId: other.users.Ada!.id })).toBe(0);
    for (const session of [web, second]) expect(await session.user()).toBeNull();
  });

  it("Zoom deauthorization ends every session of the organization, and no other organization's", async () => {
    const outsiders = await createOrgWithUsers(app.database.owner, 'deauth-bystander', [{ name: 'Cy', role: 'admin' }]);
    const outsider = await sessionOf(outsiders.users.Cy!);
    const browsers = [await signedIn(people.admin), await signedIn(people.supervisor), await signedIn(people.agent), await signedIn(people.agent)];
    expect(await sessionRows({ orgId: demoOrgId })).toBeGreaterThanOrEqual(4);
    const delivery = app.zoom.deauthorizeWebhook({ accountId: DEMO_ZOOM_ACCOUNT_ID });
    const response = await app.zoom.sendWebhook(`${app.url}/webhooks/zoom`, delivery, { timestamp: Math.floor(clock.now().getTime() / 1000) });
    expect(response.status).toBe(200);
    expect(JSON.parse(response.body)).toMatchObject({ status: 'deauthorized', known: true });
    expect(await sessionRows({ orgId: demoOrgId })).toBe(0);
    for (const browser of browsers) expect(await browser.user()).toBeNull();
    expect((await outsider.user())?.id).toBe(outsiders.users.Cy!.id);
    await app.database.owner`update organizations set zoom_deauthorized_at = null where id = ${demoOrgId}`;
  });

  it("account deletion ends every session of the organization when the purge runs, and no other organization's", async () => {
    const doomed = await createOrgWithUsers(app.database.owner, 'doomed', [
      { name: 'Dee', role: 'admin' },
      { name: 'Eli', role: 'agent' },
    ]);
    const survivors = await createOrgWithUsers(app.database.owner, 'survivor', [{ name: 'Fay', role: 'admin' }]);
    const admin = await sessionOf(doomed.users.Dee!);
    await sessionOf(doomed.users.Eli!);
    await sessionOf(doomed.users.Eli!);
    await sessionOf(survivors.users.Fay!);
    expect((await admin.post('/api/account/deletion')).status).toBe(200);
    // The 30-day grace period: the organization keeps working, sessions included.
    expect(await sessionRows({ orgId: doomed.orgId })).toBe(3);
    clock.advance(30 * DAY + MINUTE);
    const job: JobContext = { id: randomUUID(), signal: new AbortController().signal, log: app.running.services.log, isLastAttempt: false, retryCount: 0 };
    await accountPurgeHandler(app.running.services, { cancelSubscription: () => Promise.resolve() })({}, job);
    expect(await sessionRows({ orgId: doomed.orgId })).toBe(0);
    expect(await sessionRows({ orgId: survivors.orgId })).toBe(1);
  });

  it('a request still in flight when its session was ended cannot write it back on the way out', async () => {
    const agent = await signedIn(people.agent);
    const sid = agent.sid();
    const [row] = await app.database.owner<{ data: Record<string, unknown> }[]>`select data from sessions where sid = ${sid}`;
    await app.database.owner`delete from sessions where sid = ${sid}`;
    // What express-session does when that request finishes: save the session it loaded before the deletion.
    const store = new PostgresSessionStore(app.running.services.db);
    await new Promise<void>((resolve, reject) => store.set(sid, row!.data as never, (error) => (error ? reject(new Error('session save failed', { cause: error })) : resolve())));
    expect(await app.database.owner`select sid from sessions where sid = ${sid}`).toEqual([]);
    expect(await agent.user()).toBeNull();
    // A session id the store generated itself is still stored on its first save.
    const fresh = store.newSessionId();
    await new Promise<void>((resolve, reject) => store.set(fresh, row!.data as never, (error) => (error ? reject(new Error('session save failed', { cause: error })) : resolve())));
    expect(await app.database.owner`select sid from sessions where sid = ${fresh}`).toHaveLength(1);
    await app.database.owner`delete from sessions where sid = ${fresh}`;
  });
});
