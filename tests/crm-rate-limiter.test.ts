import { setTimeout as sleep } from 'node:timers/promises';
import { describe, expect, it } from 'vitest';
import { CrmRateLimitedError } from '../server/crm/errors';
import { createSlidingWindowLimiter } from '../server/crm/rate-limiter';

/** The per-account limiter: places are held from a request's start until a window after its response. */

const quick = () => Promise.resolve('done');

describe('sliding-window rate limiter', () => {
  it('lets `limit` requests through at once and makes the next wait a window after the first finished', async () => {
    const limiter = createSlidingWindowLimiter({ limit: 2, windowMs: 400, maxWaitMs: 1_000 });
    const started = Date.now();
    await Promise.all([limiter.run('portal', quick), limiter.run('portal', quick)]);
    expect(Date.now() - started).toBeLessThan(300);
    await limiter.run('portal', quick);
    expect(Date.now() - started).toBeGreaterThanOrEqual(395);
  });

  it('keeps accounts apart', async () => {
    const limiter = createSlidingWindowLimiter({ limit: 1, windowMs: 10_000, maxWaitMs: 0 });
    await limiter.run('portal-a', quick);
    await expect(limiter.run('portal-b', quick)).resolves.toBe('done');
    await expect(limiter.run('portal-a', quick)).rejects.toBeInstanceOf(CrmRateLimitedError);
  });

  it('refuses with the expected wait instead of waiting longer than allowed', async () => {
    const limiter = createSlidingWindowLimiter({ limit: 1, windowMs: 4_000, maxWaitMs: 100 });
    await limiter.run('portal', quick);
    const error = await limiter.run('portal', quick).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(CrmRateLimitedError);
    expect((error as CrmRateLimitedError).retryAfterSeconds).toBe(4);
  });

  it('counts a request still in flight, and frees its place a window after it answers', async () => {
    const limiter = createSlidingWindowLimiter({ limit: 1, windowMs: 100, maxWaitMs: 2_000 });
    const started = Date.now();
    const slow = limiter.run('portal', () => sleep(200).then(() => 'slow'));
    await sleep(10);
    await expect(limiter.run('portal', quick)).resolves.toBe('done');
    expect(Date.now() - started).toBeGreaterThanOrEqual(295);
    await expect(slow).resolves.toBe('slow');
  });

  it('frees the place when the work fails', async () => {
    const limiter = createSlidingWindowLimiter({ limit: 1, windowMs: 50, maxWaitMs: 500 });
    await expect(limiter.run('portal', () => Promise.reject(new Error('boom')))).rejects.toThrow('boom');
    await expect(limiter.run('portal', quick)).resolves.toBe('done');
  });
});
