import { setTimeout as sleep } from 'node:timers/promises';
import { describe, expect, it } from 'vitest';
import { createAccountLimiter } from '../server/zoom/account-limiter';

describe('per-account concurrency limiter', () => {
  it('runs at most N tasks at once per account, in arrival order', async () => {
    const limiter = createAccountLimiter({ maxConcurrent: 2 });
    let running = 0;
    let peak = 0;
    const started: number[] = [];
    await Promise.all(
      Array.from({ length: 7 }, (_, i) =>
        limiter.run('acct', async () => {
          started.push(i);
          running += 1;
          peak = Math.max(peak, running);
          await sleep(10);
          running -= 1;
        }),
      ),
    );
    expect(peak).toBe(2);
    expect(started).toEqual([0, 1, 2, 3, 4, 5, 6]);
    expect(limiter.inFlight('acct')).toBe(0);
  });

  it('keeps accounts independent', async () => {
    const limiter = createAccountLimiter({ maxConcurrent: 1 });
    let running = 0;
    let peak = 0;
    const task = async () => {
      running += 1;
      peak = Math.max(peak, running);
      await sleep(20);
      running -= 1;
    };
    await Promise.all([
      limiter.run('a', task),
      limiter.run('b', task),
      limiter.run('a', task),
      limiter.run('b', task),
    ]);
    expect(peak).toBe(2);
  });

  it('frees the slot when a task fails', async () => {
    const limiter = createAccountLimiter({ maxConcurrent: 1 });
    await expect(limiter.run('acct', () => Promise.reject(new Error('boom')))).rejects.toThrow('boom');
    expect(await limiter.run('acct', () => Promise.resolve('next'))).toBe('next');
  });

  it('a pause holds every later task of that account only', async () => {
    const limiter = createAccountLimiter({ maxConcurrent: 3 });
    limiter.pause('slow', 150);
    const started = performance.now();
    const [paused, other] = await Promise.all([
      limiter.run('slow', () => Promise.resolve(performance.now() - started)),
      limiter.run('fast', () => Promise.resolve(performance.now() - started)),
    ]);
    expect(paused).toBeGreaterThanOrEqual(140);
    expect(other).toBeLessThan(100);
  });

  it('refuses a nonsensical limit', () => {
    expect(() => createAccountLimiter({ maxConcurrent: 0 })).toThrow();
  });
});
