import { randomBytes } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedDemo } from '../server/demo/seed';
import { HttpSession, startTestApp, type TestApp } from './helpers/app';
import { createTestDatabase } from './helpers/db';
import { routesOf } from './helpers/routes';

/**
 * Crawls every HTML page the app serves, configured as a production deployment behind its TLS proxy
 * and serving the production build: the pages anyone can reach (public pages, every web-view route
 * and settings tab, the Zoom panel, unknown paths), plus every same-origin link found in the HTML and
 * in the JavaScript that renders it. Each HTML response must carry the headers Zoom's embedded
 * browser insists on (Strict-Transport-Security, X-Content-Type-Options, Content-Security-Policy,
 * Referrer-Policy) and a strict CSP that still lets Zoom frame the app.
 */

const PUBLIC_URL = 'https://callrecap.example';
const SOME_ID = '00000000-0000-4000-8000-000000000000';
let app: TestApp;
let admin: HttpSession;

beforeAll(async () => {
  // The production build when there is one (CI builds before testing), as tests/e2e/demo.test.ts does.
  const client = existsSync('dist/client/index.html') ? 'build' : 'vite';
  const database = await createTestDatabase();
  app = await startTestApp({
    database,
    env: {
      NODE_ENV: client === 'build' ? 'production' : 'test',
      PUBLIC_URL,
      DATABASE_APP_URL: database.appUrl,
      SESSION_SECRET: randomBytes(32).toString('base64url'),
      TOKEN_ENCRYPTION_KEYS: `k1:${randomBytes(32).toString('base64')}`,
      METRICS_TOKEN: randomBytes(16).toString('hex'),
      ZOOM_CLIENT_ID: 'crawl-client-id',
      ZOOM_CLIENT_SECRET: randomBytes(16).toString('hex'),
      ZOOM_WEBHOOK_SECRET_TOKEN: randomBytes(16).toString('hex'),
    },
    start: { client, role: 'web' },
  });
  const closeApp = app.close.bind(app);
  app.close = async () => {
    await closeApp();
    await database.drop();
  };
  const { orgId } = await seedDemo(app.running.services.db, new Date(), 2);
  const [user] = await app.database.owner<{ id: string }[]>`select id from users where org_id = ${orgId} and role = 'admin'`;
  admin = await HttpSession.signedIn(app, { id: user!.id, orgId, role: 'admin' });
  // Served over HTTPS, the session cookie carries the __Host- prefix.
  admin.setCookieHeader(admin.cookieHeader().replace(/^callrecap\.sid=/, '__Host-callrecap.sid='));
});
afterAll(() => app?.close());

/** As the load balancer forwards a browser's HTTPS request (the app trusts one proxy hop when PUBLIC_URL is https). */
const viaProxy = { 'x-forwarded-proto': 'https', 'x-forwarded-host': new URL(PUBLIC_URL).host };
const get = (path: string, headers: Record<string, string> = {}) =>
  fetch(app.url + path, { redirect: 'manual', headers: { accept: 'text/html,application/xhtml+xml,*/*;q=0.8', ...viaProxy, ...headers } });

/** The web view's routes, read from its router and settings tabs (ids filled in). */
function clientRoutes(): string[] {
  const appSource = readFileSync('client/src/web/App.tsx', 'utf8');
  const tabs = [...readFileSync('client/src/web/settings/settings-tabs.ts', 'utf8').matchAll(/path: '([a-z-]+)'/g)].map((m) => m[1]!);
  const paths = [...appSource.matchAll(/path="([^"*]+)"/g)].map((m) => m[1]!);
  const inApp = paths.filter((p) => !['privacy', 'terms', 'contact', 'app'].includes(p)).map((p) => `/app/${p.replace(':id', SOME_ID)}`);
  const publicPages = paths.filter((p) => ['privacy', 'terms', 'contact'].includes(p)).map((p) => `/${p}`);
  return [...publicPages, '/app', ...inApp, ...tabs.map((tab) => `/app/settings/${tab}`)];
}

const SEEDS = [
  '/',
  '/privacy',
  '/terms',
  '/contact',
  '/app',
  '/panel',
  '/panel/anything',
  // Unknown pages: the app's 404 page (rendered by the client) inside and outside the web view.
  '/no-such-page',
  '/app/no-such-page',
  // The entry files by name.
  '/index.html',
  '/panel.html',
];

/** Same-origin paths linked from an HTML page (href/src) or built by the JavaScript that renders it. */
function linksIn(text: string): string[] {
  const attributes = [...text.matchAll(/\b(?:href|src)="(\/[^"]*)"/g)].map((m) => m[1]!);
  const fromCode = [...text.matchAll(/[`"'](\/(?:app|privacy|terms|contact|panel)(?:[/?][^`"'\s]*)?)[`"']/g)].map((m) =>
    m[1]!.replace(/\$\{[^}]*\}/g, SOME_ID),
  );
  return [...attributes, ...fromCode].map((link) => link.split('#')[0]!).filter((link) => !link.startsWith('//'));
}

interface Crawled {
  html: Map<string, { headers: Headers; body: string; status: number }>;
  assets: Map<string, Headers>;
}

let crawled: Crawled | undefined;

async function crawl(): Promise<Crawled> {
  if (crawled) return crawled;
  const html: Crawled['html'] = new Map();
  const assets: Crawled['assets'] = new Map();
  const queue = [...SEEDS, ...clientRoutes()];
  const seen = new Set<string>();
  while (queue.length > 0) {
    const path = queue.shift()!;
    if (seen.has(path)) continue;
    seen.add(path);
    const response = await get(path);
    const body = await response.text();
    if ((response.headers.get('content-type') ?? '').includes('text/html')) {
      html.set(path, { headers: response.headers, body, status: response.status });
      queue.push(...linksIn(body));
    } else {
      assets.set(path, response.headers);
      if (path.endsWith('.js')) queue.push(...linksIn(body));
    }
  }
  crawled = { html, assets };
  return crawled;
}

function directives(csp: string): Map<string, string[]> {
  return new Map(
    csp
      .split(';')
      .map((part) => part.trim().split(/\s+/))
      .filter((words) => words[0])
      .map(([name, ...values]) => [name!.toLowerCase(), values]),
  );
}

/** Why a page's headers fall short, or nothing. */
function problemsOf(path: string, page: { headers: Headers; body: string; status: number }): string[] {
  const problems: string[] = [];
  const h = page.headers;
  const fail = (what: string) => problems.push(`${path}: ${what}`);
  if (page.status !== 200) fail(`status ${page.status}`);
  const hsts = /max-age=(\d+)/.exec(h.get('strict-transport-security') ?? '');
  if (!hsts || Number(hsts[1]) < 31_536_000) fail(`Strict-Transport-Security ${h.get('strict-transport-security')}`);
  if (h.get('x-content-type-options') !== 'nosniff') fail('X-Content-Type-Options is not nosniff');
  if (!['same-origin', 'no-referrer', 'strict-origin', 'strict-origin-when-cross-origin'].includes(h.get('referrer-policy') ?? '')) {
    fail(`Referrer-Policy ${h.get('referrer-policy')}`);
  }
  // X-Frame-Options would keep Zoom's client from framing the app; frame-ancestors decides instead.
  if (h.get('x-frame-options') !== null) fail(`X-Frame-Options ${h.get('x-frame-options')}`);
  if (!/no-cache|no-store/.test(h.get('cache-control') ?? '')) fail(`Cache-Control ${h.get('cache-control')}: a cached page would reuse its nonce`);

  const csp = h.get('content-security-policy');
  if (!csp) return [...problems, `${path}: no Content-Security-Policy`];
  const d = directives(csp);
  const script = d.get('script-src') ?? d.get('default-src') ?? [];
  for (const unsafe of ["'unsafe-inline'", "'unsafe-eval'", "'unsafe-hashes'", '*', 'data:', 'http:', 'https:', 'blob:']) {
    if (script.includes(unsafe)) fail(`script-src allows ${unsafe}`);
  }
  const nonce = script.find((value) => /^'nonce-[A-Za-z0-9+/=_-]{16,}'$/.test(value))?.slice(7, -1);
  if (!nonce && !script.some((value) => /^'sha(256|384|512)-/.test(value))) fail('script-src has neither a nonce nor hashes');
  if ((d.get('style-src') ?? []).includes("'unsafe-inline'")) fail("style-src allows 'unsafe-inline'");
  if ((d.get('object-src') ?? []).join(' ') !== "'none'") fail(`object-src ${d.get('object-src')?.join(' ')}`);
  if (!["'self'", "'none'"].includes((d.get('base-uri') ?? []).join(' '))) fail(`base-uri ${d.get('base-uri')?.join(' ')}`);
  if (!d.get('default-src')) fail('no default-src');
  const ancestors = d.get('frame-ancestors') ?? [];
  // Zoom's clients frame the panel from its own domains; nobody else may frame any page.
  if (!ancestors.includes('https://*.zoom.us') || !ancestors.includes('https://*.zoom.com')) fail(`frame-ancestors ${ancestors.join(' ')} leaves Zoom out`);
  if (ancestors.some((source) => ['*', 'https:', 'http:', 'http://*.zoom.us'].includes(source))) fail(`frame-ancestors ${ancestors.join(' ')} is too broad`);
  if (!d.has('upgrade-insecure-requests')) fail('no upgrade-insecure-requests');
  if ((d.get('connect-src') ?? []).some((source) => ['ws:', 'wss:', '*', 'https:'].includes(source))) fail(`connect-src ${d.get('connect-src')?.join(' ')}`);

  // Every script and stylesheet tag carries this response's nonce; nothing runs inline without one.
  for (const [tag] of page.body.matchAll(/<(?:script|style|link[^>]*rel="(?:stylesheet|modulepreload)")\b[^>]*>/g)) {
    if (!nonce || !tag.includes(`nonce="${nonce}"`)) fail(`${tag} lacks this response's nonce`);
  }
  if (/\son[a-z]+\s*=/i.test(page.body)) fail('inline event handler attribute');
  return problems;
}

describe('HTML security headers, page by page', () => {
  it('crawls the public pages, every web-view route and settings tab, the panel and 404 pages, and the links in them', async () => {
    const { html, assets } = await crawl();
    const pages = [...html.keys()];
    for (const expected of ['/', '/privacy', '/terms', '/contact', '/app', '/app/analytics', '/app/settings/audit', `/app/engagements/${SOME_ID}`, '/panel', '/no-such-page']) {
      expect(pages).toContain(expected);
    }
    expect(pages.length).toBeGreaterThan(20);
    // The JavaScript was crawled too (the links the rendered pages hold come from it).
    expect([...assets.keys()].filter((path) => path.startsWith('/assets/') && path.endsWith('.js')).length).toBeGreaterThan(1);
  });

  it('every HTML page carries HSTS, nosniff, Referrer-Policy and a strict CSP Zoom can frame', async () => {
    const { html } = await crawl();
    const problems = [...html].flatMap(([path, page]) => problemsOf(path, page));
    expect(problems).toEqual([]);
  });

  it('gives each HTML response its own nonce', async () => {
    const nonces = new Set<string>();
    for (let i = 0; i < 5; i += 1) nonces.add(/'nonce-([^']+)'/.exec((await get('/app')).headers.get('content-security-policy') ?? '')?.[1] ?? '');
    expect(nonces.size).toBe(5);
  });

  it('serves scripts and styles with nosniff and their real types', async () => {
    const { assets } = await crawl();
    const files = [...assets].filter(([path]) => path.startsWith('/assets/'));
    expect(files.length).toBeGreaterThan(2);
    for (const [path, headers] of files) {
      expect(headers.get('x-content-type-options'), path).toBe('nosniff');
      expect(headers.get('content-type'), path).toMatch(path.endsWith('.css') ? /^text\/css/ : /^(text|application)\/javascript/);
    }
  });
});

describe('authenticated JSON is never cached', () => {
  it('every GET API and auth route answers a signed-in admin with Cache-Control: no-store, errors included', async () => {
    const routes = routesOf(app.running.app!).filter((route) => /^GET \/(api|auth)\//.test(route));
    expect(routes.length).toBeGreaterThan(15);
    const cached: string[] = [];
    const answered: number[] = [];
    for (const route of routes) {
      const path = route.slice(4).replace(/:[A-Za-z]+/g, (param) => (param === ':kind' ? 'hubspot' : SOME_ID));
      const controller = new AbortController();
      const response = await fetch(app.url + path, { headers: { cookie: admin.cookieHeader(), ...viaProxy }, redirect: 'manual', signal: controller.signal });
      controller.abort();
      answered.push(response.status);
      if (response.headers.get('cache-control') !== 'no-store') cached.push(`${route} ${response.status}: ${response.headers.get('cache-control')}`);
    }
    expect(cached).toEqual([]);
    expect(answered.filter((status) => status === 200).length).toBeGreaterThan(10);
  });
});
