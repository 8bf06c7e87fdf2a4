import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SessionInfo } from '../server/contract/api';
import { HttpSession } from './helpers/app';
import { signInWithZoom, startZoomTestApp, type ZoomTestApp } from './helpers/zoom-app';

let app: ZoomTestApp;
beforeAll(async () => {
  app = await startZoomTestApp();
});
afterAll(() => app.close());

describe('signing in with Zoom', () => {
  it('creates the organization on first install and makes the installer its admin', async () => {
    const browser = await signInWithZoom(app, 'fakeUser_AlexAgent0001');
    const session = (await (await browser.get('/api/session')).json()) as SessionInfo;
    expect(session.user).toMatchObject({ name: 'Alex Rivera', role: 'admin' });
    const orgs = await app.database.owner`select zoom_account_id from organizations`;
    expect(orgs.map((o) => o.zoom_account_id)).toEqual([app.zoom.defaultAccountId]);
    const [credential] = await app.database.owner`select access_token_enc, refresh_token_enc, key_id from oauth_credentials where provider = 'zoom'`;
    expect(credential!.access_token_enc).toMatch(/^v1\./);
    expect(credential!.refresh_token_enc).toMatch(/^v1\./);
    const [audit] = await app.database.owner`select action, details from audit_log where action = 'auth.sign_in'`;
    expect(audit!.details).toEqual({ method: 'zoom_oauth' });
  });

  it('maps later users from their Contact Center role, into the same organization', async () => {
    const supervisor = await signInWithZoom(app, 'fakeUser_SamSupervis01');
    const agent = await signInWithZoom(app, 'fakeUser_JordanAgent01');
    expect(((await (await supervisor.get('/api/session')).json()) as SessionInfo).user?.role).toBe('supervisor');
    expect(((await (await agent.get('/api/session')).json()) as SessionInfo).user?.role).toBe('agent');
    const [orgs] = await app.database.owner`select count(*)::int as n from organizations`;
    expect(orgs!.n).toBe(1);
  });

  it('rejects a callback whose state does not match (CSRF on the OAuth flow)', async () => {
    const browser = new HttpSession(app.url);
    await browser.loadSession();
    await browser.get('/auth/zoom?returnTo=/app');
    const response = await browser.get('/auth/zoom/callback?code=abc&state=forged');
    expect(response.status).toBe(400);
    expect(((await response.json()) as { error: { code: string } }).error.code).toBe('oauth_state');
  });

  it('signs the panel in with in-client OAuth (plain challenge, code exchanged with the verifier)', async () => {
    const panel = new HttpSession(app.url);
    await panel.loadSession();
    const start = (await (await panel.post('/auth/zoom/in-client/start')).json()) as { codeChallenge: string; state: string };
    const authorized = app.zoom.authorizeInClient({
      codeChallenge: start.codeChallenge,
      redirectUri: `${app.config.publicUrl}/auth/zoom/callback`,
      userId: 'fakeUser_JordanAgent01',
      state: start.state,
    });
    const complete = await panel.post('/auth/zoom/in-client/complete', { code: authorized.code, state: start.state });
    expect(complete.status).toBe(200);
    const session = await panel.loadSession<SessionInfo>();
    expect(session.user?.name).toBe('Jordan Lee');
  });

  it('binds panel requests to the app context user, and refuses a context for someone else or a wrong key', async () => {
    const panel = await signInWithZoom(app, 'fakeUser_JordanAgent01');
    const own = await panel.get('/api/engagements', { 'x-zoom-app-context': app.zoom.appContext({ userId: 'fakeUser_JordanAgent01' }) });
    expect(own.status).toBe(200);
    const other = await panel.get('/api/engagements', { 'x-zoom-app-context': app.zoom.appContext({ userId: 'fakeUser_SamSupervis01' }) });
    expect(other.status).toBe(401);
    const expired = await panel.get('/api/engagements', { 'x-zoom-app-context': app.zoom.appContext({ userId: 'fakeUser_JordanAgent01', expiresInMs: -60_000 }) });
    expect(expired.status).toBe(401);
    const garbage = await panel.get('/api/engagements', { 'x-zoom-app-context': 'bm90IGEgY29udGV4dA' });
    expect(garbage.status).toBe(401);
  });
});
