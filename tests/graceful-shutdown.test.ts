import { afterAll, describe, expect, it } from 'vitest';
import { sendJob } from '../jobs/boss';
import { registerWorker } from '../jobs/worker';
import { createTestDatabase, type TestDatabase } from './helpers/db';
import { startTestApp } from './helpers/app';

let database: TestDatabase;
afterAll(() => database?.drop());

describe('graceful shutdown', () => {
  it('stops accepting requests but lets a running job finish', async () => {
    database = await createTestDatabase();
    // The web role registers no workers of its own, so the slow test handler is the only one on the queue.
    const app = await startTestApp({ database, start: { role: 'web' } });
    const { boss, log } = app.running.services;
    let started!: () => void;
    const jobStarted = new Promise<void>((resolve) => (started = resolve));
    let finished = false;
    // A slow handler on a real queue: it must complete even though shutdown begins while it runs.
    await registerWorker(
      boss,
      'zoom.reconcile',
      async () => {
        started();
        await new Promise((resolve) => setTimeout(resolve, 1500));
        finished = true;
      },
      { concurrency: 1, log },
    );
    const jobId = await sendJob(boss, 'zoom.reconcile', {});
    await jobStarted;
    const stopping = app.running.stop('SIGTERM');
    await new Promise((resolve) => setTimeout(resolve, 100));
    await expect(fetch(`${app.url}/healthz`)).rejects.toThrow();
    await stopping;
    expect(finished).toBe(true);
    const [job] = await database.owner`select state from pgboss.job where id = ${jobId}`;
    expect(job?.state).toBe('completed');
  });
});
