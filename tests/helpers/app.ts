import { createHmac, randomBytes } from 'node:crypto';
import { loadConfig, type Config } from '../../server/config';
import { startCallRecap, type Running, type StartOptions } from '../../server/runtime/start';
import { createTestDatabase, type TestDatabase } from './db';

export interface TestApp {
  running: Running;
  config: Config;
  database: TestDatabase;
  url: string;
  close(): Promise<void>;
}

/** A whole CallRecap (web + worker) on its own database and a random port, as `npm start` runs it. */
export async function startTestApp(
  options: { env?: Record<string, string>; start?: Partial<StartOptions>; database?: TestDatabase } = {},
): Promise<TestApp> {
  const database = options.database ?? (await createTestDatabase());
  const config = loadConfig({
    NODE_ENV: 'test',
    PORT: '0',
    DATABASE_URL: database.ownerUrl,
    DEMO_MODE: 'false',
    ...options.env,
  });
  const running = await startCallRecap(config, { role: 'all', client: 'none', ...options.start });
  if (!running.url) throw new Error('test app did not listen');
  return {
    running,
    config,
    database,
    url: running.url,
    async close() {
      await running.stop('test done');
      if (!options.database) await database.drop();
    },
  };
}

/** A signed express-session cookie for a session row we insert: sign-in without going through Zoom. */
export async function sessionCookieFor(
  app: TestApp,
  user: { id: string; orgId: string; role: string },
  extra: Record<string, unknown> = {},
): Promise<{ cookie: string; csrfToken: string; sid: string }> {
  const sid = randomBytes(24).toString('base64url');
  const csrfToken = randomBytes(24).toString('base64url');
  const expires = new Date(Date.now() + 30 * 60_000);
  const data = {
    cookie: { originalMaxAge: 30 * 60_000, expires: expires.toISOString(), httpOnly: true, path: '/' },
    userId: user.id,
    orgId: user.orgId,
    role: user.role,
    csrfToken,
    // The app's clock, which tests may have moved: a session signed in "now" must not look 12 hours old.
    signedInAt: app.running.services.clock.now().getTime(),
    ...extra,
  };
  await app.database.owner`insert into sessions (sid, org_id, user_id, data, expires_at)
    values (${sid}, ${user.orgId}, ${user.id}, ${app.database.owner.json(data)}, ${expires})`;
  const signature = createHmac('sha256', app.config.sessionSecret).update(sid).digest('base64').replace(/=+$/, '');
  return { cookie: `callrecap.sid=${encodeURIComponent(`s:${sid}.${signature}`)}`, csrfToken, sid };
}

/** fetch with a cookie jar and the CSRF token: a browser, minus the rendering. */
export class HttpSession {
  private cookies = new Map<string, string>();
  csrfToken = '';

  constructor(readonly baseUrl: string) {}

  static async signedIn(app: TestApp, user: { id: string; orgId: string; role: string }): Promise<HttpSession> {
    const session = new HttpSession(app.url);
    const { cookie, csrfToken } = await sessionCookieFor(app, user);
    session.setCookieHeader(cookie);
    session.csrfToken = csrfToken;
    return session;
  }

  setCookieHeader(cookie: string): void {
    const [pair] = cookie.split(';');
    const index = pair!.indexOf('=');
    this.cookies.set(pair!.slice(0, index).trim(), pair!.slice(index + 1).trim());
  }

  cookieHeader(): string {
    return [...this.cookies].map(([k, v]) => `${k}=${v}`).join('; ');
  }

  async request(method: string, path: string, body?: unknown, headers: Record<string, string> = {}): Promise<Response> {
    const response = await fetch(this.baseUrl + path, {
      method,
      redirect: 'manual',
      headers: {
        ...(this.cookies.size ? { cookie: this.cookieHeader() } : {}),
        ...(body !== undefined ? { 'content-type': 'application/json' } : {}),
        ...(method !== 'GET' && this.csrfToken ? { 'x-csrf-token': this.csrfToken } : {}),
        ...headers,
      },
      body: body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body),
    });
    for (const cookie of response.headers.getSetCookie()) this.setCookieHeader(cookie);
    return response;
  }

  get(path: string, headers?: Record<string, string>) {
    return this.request('GET', path, undefined, headers);
  }

  post(path: string, body?: unknown, headers?: Record<string, string>) {
    return this.request('POST', path, body ?? {}, headers);
  }

  /** Loads /api/session like the client does, picking up the CSRF token. */
  async loadSession<T = unknown>(): Promise<T> {
    const response = await this.get('/api/session');
    const info = (await response.json()) as { csrfToken: string };
    this.csrfToken = info.csrfToken;
    return info as T;
  }
}

/**
 * Moves a test's clock by days. Sessions end 12 hours after sign-in on the app's clock, so the people of
 * the test count as having signed in again just now: the same session rows, their sign-in time renewed.
 */
export async function advanceClockKeepingSessions(app: TestApp, clock: { advance(ms: number): void; now(): Date }, ms: number): Promise<void> {
  clock.advance(ms);
  await app.database.owner`update sessions set data = jsonb_set(data, '{signedInAt}', to_jsonb(${clock.now().getTime()}::bigint))
    where data ? 'signedInAt'`;
}
