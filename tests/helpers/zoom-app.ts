import { startFakeZoom, type FakeZoom } from '../fakes/zoom';
import { HttpSession, startTestApp, type TestApp } from './app';
import type { StartOptions } from '../../server/runtime/start';

export interface ZoomTestApp extends TestApp {
  zoom: FakeZoom;
}

/** CallRecap wired to a fake Zoom over real HTTP, as production is wired to Zoom. */
export async function startZoomTestApp(options: { env?: Record<string, string>; start?: Partial<StartOptions> } = {}): Promise<ZoomTestApp> {
  const zoom = await startFakeZoom();
  const app = await startTestApp({
    env: {
      ZOOM_CLIENT_ID: zoom.clientId,
      ZOOM_CLIENT_SECRET: zoom.clientSecret,
      ZOOM_WEBHOOK_SECRET_TOKEN: zoom.webhookSecret,
      ZOOM_API_BASE_URL: zoom.apiBaseUrl,
      ZOOM_OAUTH_BASE_URL: zoom.oauthBaseUrl,
      ...options.env,
    },
    start: options.start,
  });
  return {
    ...app,
    zoom,
    async close() {
      await app.close();
      await zoom.close();
    },
  };
}

/** The web sign-in a person does: /auth/zoom → Zoom's consent (the fake signs in `loginAs`) → callback. */
export async function signInWithZoom(app: ZoomTestApp, loginAs?: string): Promise<HttpSession> {
  const browser = new HttpSession(app.url);
  await browser.loadSession();
  const start = await browser.get('/auth/zoom?returnTo=/app');
  const authorize = new URL(start.headers.get('location')!);
  if (loginAs) authorize.searchParams.set('login_as', loginAs);
  const consent = await fetch(authorize, { redirect: 'manual' });
  const callback = new URL(consent.headers.get('location')!);
  const done = await browser.get(callback.pathname + callback.search);
  if (done.status !== 302) throw new Error(`sign-in failed: ${done.status} ${await done.text()}`);
  await browser.loadSession();
  return browser;
}
