import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { signZoomWebhook } from '../server/zoom/webhook-signature';
import { signInWithZoom, startZoomTestApp, type ZoomTestApp } from './helpers/zoom-app';

let app: ZoomTestApp;
let hook: string;

// The web role: webhooks are ingested and queued, and no worker drains the queue under the test.
beforeAll(async () => {
  app = await startZoomTestApp({ start: { role: 'web' } });
  hook = `${app.url}/webhooks/zoom`;
  await signInWithZoom(app); // installs the app for the fake's account
});
afterAll(() => app.close());

const jobs = async () =>
  app.database.owner<{ data: { zoomEngagementId: string } }[]>`select data from pgboss.job where name = 'engagement.process' order by created_on`;
const deliveries = async () => (await app.database.owner`select count(*)::int as n from webhook_deliveries`)[0]!.n as number;

beforeEach(async () => {
  await app.database.owner`delete from pgboss.job where name = 'engagement.process'`;
  await app.database.owner`delete from webhook_deliveries`;
});

describe('Zoom webhook ingest', () => {
  it('answers the endpoint URL validation challenge', async () => {
    const response = await app.zoom.sendWebhook(hook, { event: 'endpoint.url_validation', event_ts: Date.now(), payload: { plainToken: 'qgg8vlvZRS6UYooatFL8Aw' } });
    expect(response.status).toBe(200);
    const body = JSON.parse(response.body) as { plainToken: string; encryptedToken: string };
    expect(body.plainToken).toBe('qgg8vlvZRS6UYooatFL8Aw');
    expect(body.encryptedToken).toMatch(/^[0-9a-f]{64}$/);
  });

  it('stores a signed delivery and queues one job carrying ids only', async () => {
    const call = app.zoom.addCall({ scenario: 'billing' });
    const [ended] = app.zoom.webhooksFor(call.engagement.id);
    const response = await app.zoom.sendWebhook(hook, ended!);
    expect(response.status).toBe(200);
    expect(JSON.parse(response.body)).toEqual({ status: 'accepted' });
    const queued = await jobs();
    expect(queued).toHaveLength(1);
    expect(Object.keys(queued[0]!.data).sort()).toEqual(['orgId', 'zoomEngagementId']);
    expect(await deliveries()).toBe(1);
  });

  it('refuses bad signatures with 401 and stores nothing', async () => {
    const call = app.zoom.addCall();
    const [delivery] = app.zoom.webhooksFor(call.engagement.id);
    const body = JSON.stringify(delivery);
    const tampered = body.replace(call.engagement.id, call.engagement.id.slice(0, -1) + 'X');
    const now = Math.floor(Date.now() / 1000);
    const cases = [
      { rawBody: tampered, signature: signZoomWebhook(body, app.zoom.webhookSecret, now) },
      { signature: signZoomWebhook(body, 'wrong-secret', now) },
      { headers: { 'x-zm-signature': '' } },
      { timestamp: now - 301 },
      { timestamp: now + 301 },
    ];
    for (const options of cases) {
      const response = await app.zoom.sendWebhook(hook, delivery!, { timestamp: now, ...options });
      expect(response.status, JSON.stringify(options)).toBe(401);
    }
    expect(await jobs()).toHaveLength(0);
    expect(await deliveries()).toBe(0);
  });

  it('dedupes retries and duplicates: jobs equal distinct events', async () => {
    const call = app.zoom.addCall({ scenario: 'tech_support' });
    const all = app.zoom.webhooksFor(call.engagement.id);
    for (const delivery of [...all, ...all, all[0]!]) {
      const response = await app.zoom.sendWebhook(hook, delivery);
      expect(response.status).toBe(200);
    }
    expect(await jobs()).toHaveLength(all.length);
    expect(await deliveries()).toBe(all.length);
    // A replay with a fresh timestamp (Zoom's retry) is the same event: still no new job.
    await app.zoom.sendWebhook(hook, all[0]!, { timestamp: Math.floor(Date.now() / 1000) + 5 });
    expect(await jobs()).toHaveLength(all.length);
  });

  it('a concurrent burst with duplicates stores each distinct event once (group commit)', async () => {
    const all = Array.from({ length: 20 }, () => app.zoom.addCall()).flatMap((call) => app.zoom.webhooksFor(call.engagement.id));
    const burst = [...all, ...all.slice(0, 15), ...all.slice(5, 10)];
    const responses = await Promise.all(burst.map((delivery) => app.zoom.sendWebhook(hook, delivery)));
    expect(responses.every((r) => r.status === 200)).toBe(true);
    const statuses = responses.map((r) => (JSON.parse(r.body) as { status: string }).status);
    expect(statuses.filter((s) => s === 'accepted')).toHaveLength(all.length);
    expect(await jobs()).toHaveLength(all.length);
    expect(await deliveries()).toBe(all.length);
  });

  it('acknowledges events it does not handle, and accounts it does not know, without storing', async () => {
    const unknown = await app.zoom.sendWebhook(hook, { event: 'contact_center.queue_created', event_ts: Date.now(), payload: { account_id: app.zoom.defaultAccountId, object: {} } });
    expect(unknown.status).toBe(200);
    const stranger = app.zoom.addAccount({ name: 'Not a customer' });
    const agent = app.zoom.addUser({ accountId: stranger.id, firstName: 'Kim', lastName: 'Stranger', contactCenterRole: 'Agent' });
    const call = app.zoom.addCall({ accountId: stranger.id, agentId: agent.id });
    const foreign = await app.zoom.sendWebhook(hook, app.zoom.webhooksFor(call.engagement.id)[0]!);
    expect(foreign.status).toBe(200);
    expect(await jobs()).toHaveLength(0);
  });

  it('gives malformed and oversized bodies a 4xx with a reason', async () => {
    const now = Math.floor(Date.now() / 1000);
    const notJson = 'this is not json';
    const malformed = await fetch(hook, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-zm-request-timestamp': String(now), 'x-zm-signature': signZoomWebhook(notJson, app.zoom.webhookSecret, now) },
      body: notJson,
    });
    expect(malformed.status).toBe(400);
    const huge = JSON.stringify({ event: 'contact_center.engagement_ended', payload: { pad: 'x'.repeat(300_000) } });
    const oversized = await fetch(hook, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-zm-request-timestamp': String(now), 'x-zm-signature': signZoomWebhook(huge, app.zoom.webhookSecret, now) },
      body: huge,
    });
    expect(oversized.status).toBe(413);
    expect(await deliveries()).toBe(0);
  });

  it('answers 5xx when the delivery cannot be stored, so Zoom retries', async () => {
    const call = app.zoom.addCall();
    const [delivery] = app.zoom.webhooksFor(call.engagement.id);
    await app.database.owner.unsafe(`alter database ${app.database.name} with connection limit 0`);
    await app.database.owner`select pg_terminate_backend(pid) from pg_stat_activity where datname = ${app.database.name} and usename = 'callrecap_app'`;
    try {
      const response = await app.zoom.sendWebhook(hook, delivery!);
      expect(response.status).toBeGreaterThanOrEqual(500);
    } finally {
      await app.database.owner.unsafe(`alter database ${app.database.name} with connection limit -1`);
    }
    // Zoom retries with backoff; the first retries may still meet connections the outage ended.
    await expect.poll(async () => (await app.zoom.sendWebhook(hook, delivery!)).status, { timeout: 10_000 }).toBe(200);
    expect(await jobs()).toHaveLength(1);
  });
});
