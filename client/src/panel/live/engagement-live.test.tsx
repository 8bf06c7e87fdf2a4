import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { EngagementDetail } from '../../../../server/contract/api';
import { detailFixture } from '../test-fixtures';
import { watchEngagement, type LiveMode } from './engagement-live';

const ID = '0b6f7c1e-3c1a-4d2e-9a51-6f1d2c3b4a59';

/** Behaves like the browser's EventSource from the outside: open, named events, error, close. */
class FakeEventSource extends EventTarget {
  static made: FakeEventSource[] = [];
  closed = false;
  constructor(readonly url: string) {
    super();
    FakeEventSource.made.push(this);
  }
  close() {
    this.closed = true;
  }
  open() {
    this.dispatchEvent(new Event('open'));
  }
  push(data: unknown) {
    this.dispatchEvent(
      new MessageEvent('engagement.updated', {
        data: typeof data === 'string' ? data : JSON.stringify(data),
      }),
    );
  }
  fail() {
    this.dispatchEvent(new Event('error'));
  }
}

function start(options: { eventSource?: boolean } = {}) {
  const details: EngagementDetail[] = [];
  const modes: LiveMode[] = [];
  const fetched: string[] = [];
  const stop = watchEngagement({
    engagementId: ID,
    onDetail: (d) => details.push(d),
    onMode: (m) => modes.push(m),
    fetchDetail: (id) => {
      fetched.push(id);
      return Promise.resolve(detailFixture({ status: 'summarizing' }));
    },
    createEventSource:
      options.eventSource === false ? null : (url) => new FakeEventSource(url) as unknown as EventSource,
    pollIntervalMs: 5_000,
  });
  return {
    details,
    modes,
    fetched,
    stop,
    source: () => FakeEventSource.made[FakeEventSource.made.length - 1]!,
  };
}

beforeEach(() => {
  vi.useFakeTimers();
  FakeEventSource.made = [];
});
afterEach(() => {
  vi.useRealTimers();
});

describe('live engagement updates', () => {
  it('subscribes to the engagement stream and passes on its updates, ignoring anything else', () => {
    const live = start();
    expect(live.source().url).toBe(`/api/engagements/${ID}/events`);
    live.source().open();
    live.source().push({ type: 'engagement.updated', detail: detailFixture({ status: 'ready' }) });
    live.source().push({ type: 'engagement.updated', detail: detailFixture({ id: 'another-engagement' }) });
    live.source().push('not json');
    expect(live.details.map((d) => d.summary?.status)).toEqual(['ready']);
    expect(live.modes).toEqual(['connecting', 'live']);
    live.stop();
    expect(live.source().closed).toBe(true);
  });

  it('polls while the stream is down and reconnects with backoff', async () => {
    const live = start();
    const first = live.source();
    first.open();
    first.fail();
    expect(first.closed).toBe(true);
    expect(live.modes.at(-1)).toBe('polling');
    await vi.advanceTimersByTimeAsync(0);
    expect(live.fetched).toEqual([ID]);
    expect(live.details.map((d) => d.summary?.status)).toEqual(['summarizing']);

    // First retry after 1 s; it fails again, the next waits 2 s. Polling continues meanwhile.
    await vi.advanceTimersByTimeAsync(1_000);
    expect(FakeEventSource.made).toHaveLength(2);
    live.source().fail();
    await vi.advanceTimersByTimeAsync(1_999);
    expect(FakeEventSource.made).toHaveLength(2);
    await vi.advanceTimersByTimeAsync(1);
    expect(FakeEventSource.made).toHaveLength(3);
    expect(live.fetched.length).toBe(1);
    await vi.advanceTimersByTimeAsync(5_000);
    expect(live.fetched.length).toBe(2);

    // Back online: polling stops.
    live.source().open();
    expect(live.modes.at(-1)).toBe('live');
    await vi.advanceTimersByTimeAsync(30_000);
    expect(live.fetched.length).toBe(2);
    live.stop();
  });

  it('falls back to polling alone where EventSource does not exist', async () => {
    const live = start({ eventSource: false });
    expect(live.modes).toEqual(['polling']);
    await vi.advanceTimersByTimeAsync(0);
    await vi.advanceTimersByTimeAsync(10_000);
    expect(live.fetched.length).toBe(3);
    live.stop();
    await vi.advanceTimersByTimeAsync(20_000);
    expect(live.fetched.length).toBe(3);
  });
});
