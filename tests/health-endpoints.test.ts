import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from './helpers/app';

let app: TestApp;
beforeAll(async () => {
  app = await startTestApp();
});
afterAll(() => app.close());

describe('health endpoints', () => {
  it('/healthz answers while the process is alive', async () => {
    const response = await fetch(`${app.url}/healthz`);
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ status: 'ok' });
  });

  it('/readyz checks the database', async () => {
    const response = await fetch(`${app.url}/readyz`);
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ status: 'ready' });
  });

  it('/readyz answers 503 while the database refuses connections', async () => {
    // Block new connections for the app role and end the ones it holds: as if Postgres went away.
    await app.database.owner.unsafe(`alter database ${app.database.name} with connection limit 0`);
    await app.database.owner`select pg_terminate_backend(pid) from pg_stat_activity
      where datname = ${app.database.name} and usename = 'callrecap_app'`;
    try {
      const response = await fetch(`${app.url}/readyz`);
      expect(response.status).toBe(503);
      expect(await response.json()).toEqual({ status: 'database_unavailable' });
    } finally {
      await app.database.owner.unsafe(`alter database ${app.database.name} with connection limit -1`);
    }
    let status = 0;
    for (let attempt = 0; attempt < 20 && status !== 200; attempt++) {
      status = (await fetch(`${app.url}/readyz`)).status;
      if (status !== 200) await new Promise((resolve) => setTimeout(resolve, 100));
    }
    expect(status).toBe(200);
  });

  it('unknown API routes get a JSON 404 with a reason', async () => {
    const response = await fetch(`${app.url}/api/nope`);
    expect(response.status).toBe(404);
    expect(await response.json()).toMatchObject({ error: { code: 'not_found' } });
  });
});
