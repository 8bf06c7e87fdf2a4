import { afterEach, describe, expect, it, vi } from 'vitest';
import { startZoom, toStatusPatch, type EngagementStatusPatch } from './zoom-bridge';
import { ZOOM_CAPABILITIES, type ZoomSdkLike } from './zoom-sdk';

type Handler = (event: unknown) => void;

/** A Zoom SDK stand-in: the methods the panel uses, with events the test can fire. */
function sdkDouble(config: () => Promise<unknown>) {
  const handlers: Record<string, Handler[]> = {};
  const configured: unknown[] = [];
  const on = (name: string) => (handler: Handler) => void (handlers[name] ??= []).push(handler);
  const sdk: ZoomSdkLike = {
    config: (options) => {
      configured.push(options);
      return config();
    },
    getRunningContext: () => Promise.resolve({ context: 'inContactCenter' }),
    getEngagementContext: () =>
      Promise.resolve({
        engagementContext: {
          engagementId: 'E1',
          startTime: 1_700_000_000,
          queueName: 'Billing',
          isTransfer: 'true',
          transferFromAgentName: 'Sam',
        },
      }),
    getEngagementStatus: () => Promise.reject(new Error('10243')),
    getAppContext: () => Promise.resolve({ context: 'encrypted-context' }),
    authorize: () => Promise.resolve({ message: 'success' }),
    openUrl: () => Promise.resolve({ message: 'success' }),
    onEngagementContextChange: on('context'),
    onEngagementStatusChange: on('status'),
    onAuthorized: on('authorized'),
  };
  return {
    sdk,
    configured,
    fire: (name: string, event: unknown) => handlers[name]?.forEach((h) => h(event)),
  };
}

afterEach(() => vi.useRealTimers());

describe('starting the Zoom SDK', () => {
  it('asks for exactly the capabilities the panel uses', async () => {
    const zoom = sdkDouble(() =>
      Promise.resolve({ runningContext: 'inContactCenter', auth: { status: 'authorized' } }),
    );
    const started = await startZoom(zoom.sdk);
    expect(started).toMatchObject({ kind: 'in-contact-center', alreadyAuthorized: true });
    expect(zoom.configured).toEqual([{ capabilities: [...ZOOM_CAPABILITIES] }]);
  });

  it('is outside Zoom when config fails (a normal browser)', async () => {
    const zoom = sdkDouble(() =>
      Promise.reject(new Error('The Zoom Apps SDK is not supported by this browser')),
    );
    expect(await startZoom(zoom.sdk)).toEqual({
      kind: 'outside',
      reason: 'not-zoom',
      detail: 'The Zoom Apps SDK is not supported by this browser',
    });
  });

  it('is outside Contact Center in any other running context', async () => {
    const zoom = sdkDouble(() => Promise.resolve({ runningContext: 'inMeeting' }));
    expect(await startZoom(zoom.sdk)).toEqual({
      kind: 'outside',
      reason: 'wrong-context',
      detail: 'inMeeting',
    });
  });

  it('gives up when the client never answers (a foreign frame)', async () => {
    vi.useFakeTimers();
    const zoom = sdkDouble(() => new Promise(() => undefined));
    const started = startZoom(zoom.sdk);
    await vi.advanceTimersByTimeAsync(8_000);
    expect(await started).toMatchObject({ kind: 'outside', reason: 'timeout' });
  });
});

describe('the bridge over the SDK', () => {
  async function bridge() {
    const zoom = sdkDouble(() => Promise.resolve({ runningContext: 'inContactCenter' }));
    const started = await startZoom(zoom.sdk);
    if (started.kind !== 'in-contact-center') throw new Error('expected Contact Center');
    return { ...zoom, bridge: started.bridge, authorized: started.alreadyAuthorized };
  }

  it('reads the current engagement into our own shape', async () => {
    const { bridge: b, authorized } = await bridge();
    expect(authorized).toBe(false);
    expect(await b.currentEngagement()).toEqual({
      engagementId: 'E1',
      startedAt: new Date(1_700_000_000_000).toISOString(),
      acceptedAt: null,
      queueName: 'Billing',
      transferredFrom: 'Sam',
    });
    // Outside an engagement (error 10243) there is simply no status.
    expect(await b.engagementStatus('E1')).toBeNull();
    expect(await b.appContext()).toBe('encrypted-context');
  });

  it('keeps events that arrive before anyone listens, then delivers them in order', async () => {
    const { bridge: b, fire } = await bridge();
    fire('status', { engagementStatus: { engagementId: 'E1', state: 'wrap-up' }, timestamp: 1 });
    fire('status', {
      engagementStatus: { engagementId: 'E2', consumers: [{ consumerDisplayName: 'Dana' }] },
      timestamp: 2,
    });
    fire('status', { nonsense: true });
    const seen: EngagementStatusPatch[] = [];
    b.onStatusChange((patch) => seen.push(patch));
    fire('status', { engagementStatus: { engagementId: 'E1', state: 'end', endTime: 1_700_000_100 } });
    expect(seen).toEqual([
      { engagementId: 'E1', state: 'wrap-up' },
      { engagementId: 'E2', consumers: [{ name: 'Dana', number: null, email: null }] },
      { engagementId: 'E1', state: 'end', endedAt: new Date(1_700_000_100_000).toISOString() },
    ]);
  });

  it('reports onAuthorized as approved only with a code', async () => {
    const { bridge: b, fire } = await bridge();
    const seen: unknown[] = [];
    b.onAuthorized((event) => seen.push(event));
    fire('authorized', { code: 'abc', state: 's1', result: true, redirectUri: 'https://x', timestamp: 1 });
    fire('authorized', { code: '', state: 's2', result: false, timestamp: 2 });
    expect(seen).toEqual([
      { code: 'abc', state: 's1', approved: true },
      { code: null, state: 's2', approved: false },
    ]);
  });
});

describe('status diffs', () => {
  it('carry only the fields Zoom sent', () => {
    expect(toStatusPatch({ engagementId: 'E1', channel: 'video' })).toEqual({
      engagementId: 'E1',
      channel: 'video',
    });
    expect(toStatusPatch({ engagementId: 'E1', state: 'teleported', isConference: 'true' })).toEqual({
      engagementId: 'E1',
      isConference: true,
    });
    expect(toStatusPatch({ state: 'active' })).toBeNull();
  });
});
