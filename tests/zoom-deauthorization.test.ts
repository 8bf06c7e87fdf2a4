import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signInWithZoom, startZoomTestApp, type ZoomTestApp } from './helpers/zoom-app';

let app: ZoomTestApp;
beforeAll(async () => {
  app = await startZoomTestApp({ start: { role: 'all' } });
});
afterAll(() => app.close());

const count = async (query: string) => ((await app.database.owner.unsafe<{ n: number }[]>(query))[0]!).n;

describe('Zoom deauthorization (app removed from the Marketplace)', () => {
  it('deletes the Zoom tokens at once, ends sessions, keeps the data, and a reinstall restores the same organization', async () => {
    const admin = await signInWithZoom(app);
    const call = app.zoom.addCall({ scenario: 'billing' });
    await app.zoom.deliverCall(`${app.url}/webhooks/zoom`, call.engagement.id);
    for (let i = 0; i < 100 && (await count(`select count(*)::int as n from summaries where status = 'ready'`)) === 0; i++) {
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    const [org] = await app.database.owner`select id from organizations`;
    expect(await count(`select count(*)::int as n from oauth_credentials where provider = 'zoom'`)).toBe(1);

    const response = await app.zoom.sendWebhook(`${app.url}/webhooks/zoom`, app.zoom.deauthorizeWebhook());
    expect(response.status).toBe(200);

    expect(await count(`select count(*)::int as n from oauth_credentials where provider = 'zoom'`)).toBe(0);
    expect(await count(`select count(*)::int as n from sessions where user_id is not null`)).toBe(0);
    expect(((await (await admin.get('/api/session')).json()) as { user: unknown }).user).toBeNull();
    expect(await count(`select count(*)::int as n from engagements`)).toBe(1);
    expect(await count(`select count(*)::int as n from summaries where status = 'ready'`)).toBe(1);
    const [audit] = await app.database.owner`select actor_label, details from audit_log where action = 'zoom.deauthorized'`;
    expect(audit).toMatchObject({ actor_label: 'Zoom', details: { tokensDeleted: 1 } });
    const [flag] = await app.database.owner`select zoom_deauthorized_at from organizations`;
    expect(flag!.zoom_deauthorized_at).not.toBeNull();

    // Webhooks for a deauthorized account are acknowledged but not stored.
    const later = app.zoom.addCall();
    await app.zoom.deliverCall(`${app.url}/webhooks/zoom`, later.engagement.id);
    expect(await count(`select count(*)::int as n from engagements`)).toBe(1);

    await signInWithZoom(app);
    const [after] = await app.database.owner`select id, zoom_deauthorized_at from organizations`;
    expect(after).toEqual({ id: org!.id, zoom_deauthorized_at: null });
    expect(await count(`select count(*)::int as n from oauth_credentials where provider = 'zoom'`)).toBe(1);
    expect(await count(`select count(*)::int as n from engagements`)).toBe(1);
  });
});
