import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { zoomAccessToken, ZoomReauthorizationRequired } from '../server/zoom/service';
import { signInWithZoom, startZoomTestApp, type ZoomTestApp } from './helpers/zoom-app';

let app: ZoomTestApp;
let orgId: string;

beforeAll(async () => {
  app = await startZoomTestApp({ start: { role: 'web' } });
  await signInWithZoom(app);
  orgId = (await app.database.owner`select id from organizations`)[0]!.id as string;
});
afterAll(() => app.close());

/** Make our stored copy look expired, as if the hour had passed. */
async function ageStoredToken() {
  await app.database.owner`update oauth_credentials set expires_at = now() - interval '1 minute' where provider = 'zoom'`;
}

describe('Zoom token refresh', () => {
  it('uses the stored token while it is fresh, without calling Zoom', async () => {
    app.zoom.resetStats();
    const token = await zoomAccessToken(app.running.services, orgId);
    expect(token.length).toBeGreaterThan(10);
    expect(app.zoom.callCount('POST /oauth/token')).toBe(0);
  });

  it('two concurrent refreshes make one call, and both get the rotated token', async () => {
    await ageStoredToken();
    const [before] = await app.database.owner`select refresh_token_enc from oauth_credentials where provider = 'zoom'`;
    app.zoom.resetStats();
    app.zoom.setLatency(150); // keep the first refresh in flight while the second asks
    const [a, b] = await Promise.all([zoomAccessToken(app.running.services, orgId), zoomAccessToken(app.running.services, orgId)]);
    app.zoom.setLatency(0);
    expect(app.zoom.callCount('POST /oauth/token')).toBe(1);
    expect(a).toBe(b);
    const [after] = await app.database.owner`select refresh_token_enc, expires_at from oauth_credentials where provider = 'zoom'`;
    expect(after!.refresh_token_enc).not.toBe(before!.refresh_token_enc);
    expect(new Date(after!.expires_at as string).getTime()).toBeGreaterThan(Date.now());
    // The new access token works against the API.
    const me = await fetch(`${app.zoom.apiBaseUrl}/users/me`, { headers: { authorization: `Bearer ${a}` } });
    expect(me.status).toBe(200);
  });

  it('an invalid grant marks the connection for re-authorization and tells the admin', async () => {
    await ageStoredToken();
    app.zoom.revokeAccess({ accountId: app.zoom.defaultAccountId });
    await expect(zoomAccessToken(app.running.services, orgId)).rejects.toBeInstanceOf(ZoomReauthorizationRequired);
    const [credential] = await app.database.owner`select status from oauth_credentials where provider = 'zoom'`;
    expect(credential!.status).toBe('reauth_required');
    const [notice] = await app.database.owner`select kind, audience from notifications`;
    expect(notice).toMatchObject({ kind: 'zoom_reauth_required', audience: 'admin' });
  });
});
