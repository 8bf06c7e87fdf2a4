import { setTimeout as sleep } from 'node:timers/promises';

/**
 * A counting semaphore per Zoom account, plus a shared pause. Zoom's Contact Center limits are per
 * account and shared by every app on it (Medium: 10 req/s on Pro), so all clients of one account in
 * this process draw from one small pool; when Zoom answers 429 with a wait, every request for that
 * account waits, not only the one that was refused.
 */

export interface AccountLimiter {
  run<T>(accountKey: string, task: () => Promise<T>): Promise<T>;
  /** Hold back every request for this account for `ms` (from a 429's Retry-After). */
  pause(accountKey: string, ms: number): void;
  inFlight(accountKey: string): number;
}

interface AccountState {
  active: number;
  waiting: Array<() => void>;
  pausedUntil: number;
}

export function createAccountLimiter({
  maxConcurrent = 4,
  now = Date.now,
}: { maxConcurrent?: number; now?: () => number } = {}): AccountLimiter {
  if (!Number.isInteger(maxConcurrent) || maxConcurrent < 1)
    throw new Error('maxConcurrent must be a positive integer.');
  const accounts = new Map<string, AccountState>();

  const stateOf = (key: string): AccountState => {
    let state = accounts.get(key);
    if (!state) {
      state = { active: 0, waiting: [], pausedUntil: 0 };
      accounts.set(key, state);
    }
    return state;
  };

  const release = (key: string, state: AccountState) => {
    const next = state.waiting.shift();
    if (next) {
      next(); // the slot passes straight to the next waiter
      return;
    }
    state.active -= 1;
    if (state.active === 0 && state.pausedUntil <= now()) accounts.delete(key);
  };

  return {
    async run(key, task) {
      const state = stateOf(key);
      if (state.active < maxConcurrent) state.active += 1;
      else await new Promise<void>((resolve) => state.waiting.push(resolve));
      try {
        for (let wait = state.pausedUntil - now(); wait > 0; wait = state.pausedUntil - now())
          await sleep(wait);
        return await task();
      } finally {
        release(key, state);
      }
    },
    pause(key, ms) {
      const state = stateOf(key);
      state.pausedUntil = Math.max(state.pausedUntil, now() + ms);
    },
    inFlight: (key) => accounts.get(key)?.active ?? 0,
  };
}

/** One pool per process: API clients are created per job, the limit must span all of them. */
export const defaultAccountLimiter = createAccountLimiter({ maxConcurrent: 4 });
