import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from './helpers/app';

let app: TestApp;
beforeAll(async () => {
  app = await startTestApp({ env: { METRICS_TOKEN: 'scrape-me' } });
});
afterAll(() => app.close());

describe('/metrics', () => {
  it('is closed to the public and open with the bearer token', async () => {
    expect((await fetch(`${app.url}/metrics`)).status).toBe(401);
    expect((await fetch(`${app.url}/metrics`, { headers: { authorization: 'Bearer wrong' } })).status).toBe(401);
    await fetch(`${app.url}/healthz`);
    const response = await fetch(`${app.url}/metrics`, { headers: { authorization: 'Bearer scrape-me' } });
    expect(response.status).toBe(200);
    const text = await response.text();
    expect(text).toContain('callrecap_http_request_duration_seconds_bucket{le="0.005",method="GET",route="/healthz",status="200"}');
    expect(text).toMatch(/callrecap_queue_depth\{queue="engagement.process"\} \d+/);
  });
});
