import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createAccountLimiter } from '../server/zoom/account-limiter';
import { createZoomApiClient, type ZoomApiClientOptions } from '../server/zoom/api-client';
import {
  ZoomAuthError,
  ZoomNotFoundError,
  ZoomRateLimitedError,
  ZoomResponseError,
  ZoomUnavailableError,
} from '../server/zoom/errors';
import { startFakeZoom, type FakeZoom } from './fakes/zoom';

const ENGAGEMENT_ROUTE = 'GET /v2/contact_center/engagements/:engagementId';

describe('Zoom API client against the fake Zoom', () => {
  let zoom: FakeZoom;

  beforeAll(async () => {
    zoom = await startFakeZoom();
  });
  afterAll(() => zoom.close());
  afterEach(() => {
    zoom.faults.clear();
    zoom.setLatency(0);
    zoom.resetStats();
  });

  function client(overrides: Partial<ZoomApiClientOptions> = {}) {
    const { accessToken } = zoom.issueTokens();
    return createZoomApiClient({
      accountId: zoom.defaultAccountId,
      getAccessToken: () => Promise.resolve(accessToken),
      baseUrl: zoom.apiBaseUrl,
      limiter: createAccountLimiter({ maxConcurrent: 4 }),
      baseDelayMs: 10,
      maxDelayMs: 50,
      timeoutMs: 5000,
      ...overrides,
    });
  }

  async function failure(promise: Promise<unknown>): Promise<unknown> {
    return promise.then(
      () => {
        throw new Error('expected a failure');
      },
      (error: unknown) => error,
    );
  }

  it('reads the signed-in user and their Contact Center role', async () => {
    const api = client();
    const me = await api.getMe();
    expect(me).toMatchObject({
      id: zoom.defaultUserId,
      accountId: zoom.defaultAccountId,
      displayName: 'Avery Morgan',
      accountRoleName: 'Owner',
      accountRoleId: '0',
    });
    const supervisor = zoom.usersWithRole('Supervisor')[0]!;
    expect(await api.getContactCenterUser(supervisor.id)).toMatchObject({
      id: supervisor.id,
      roleName: 'Supervisor',
      email: supervisor.email,
      active: true,
    });
    const notContactCenter = zoom.addUser({ firstName: 'Pat', lastName: 'Finance', contactCenterRole: null });
    await expect(api.getContactCenterUser(notContactCenter.id)).rejects.toBeInstanceOf(ZoomNotFoundError);
  });

  it('maps a voice engagement to our own type', async () => {
    const call = zoom.addCall({ scenario: 'billing', seed: 11, direction: 'inbound' });
    const engagement = await client().getEngagement(call.engagement.id);
    const agent = zoom.state.users.get(call.engagement.agentIds[0]!)!;
    expect(engagement).toEqual({
      id: call.engagement.id,
      channel: 'voice',
      channelSource: null,
      direction: 'inbound',
      queue: { id: call.engagement.queue.id, name: 'Billing' },
      flow: { id: call.engagement.flow.id, name: call.engagement.flow.name },
      agents: [{ id: agent.id, name: `${agent.firstName} ${agent.lastName}`, email: null }],
      consumer: {
        id: call.engagement.consumer.id,
        name: call.script.customer.name,
        number: call.script.customer.phone,
        email: null,
      },
      startedAt: new Date(Math.floor(call.engagement.startTime.getTime() / 1000) * 1000),
      endedAt: new Date(Math.floor(call.engagement.endTime!.getTime() / 1000) * 1000),
      durationSeconds: expect.any(Number),
      status: 'completed',
      dispositions: [],
      transcriptUrl: null,
    });
    expect(engagement.durationSeconds).toBeGreaterThan(30);
  });

  it('maps chat and SMS engagements and downloads their messaging transcript', async () => {
    const chat = zoom.addCall({ channel: 'chat', scenario: 'sales', seed: 3 });
    const sms = zoom.addCall({ channel: 'sms', scenario: 'account_change', seed: 4 });
    const api = client();
    const chatEngagement = await api.getEngagement(chat.engagement.id);
    expect(chatEngagement).toMatchObject({ channel: 'chat', channelSource: 'web_chat' });
    expect((await api.getEngagement(sms.engagement.id)).channel).toBe('sms');
    const transcript = await api.downloadTranscript(chatEngagement.transcriptUrl!);
    expect(transcript).toEqual({
      text: chat.transcriptText,
      contentType: 'text/plain; charset=utf-8',
      format: 'text',
    });
  });

  it('an engagement still in progress is not served yet (404, Zoom code 2901)', async () => {
    const live = zoom.addCall({ ended: false });
    const error = await failure(client().getEngagement(live.engagement.id));
    expect(error).toBeInstanceOf(ZoomNotFoundError);
    expect((error as ZoomNotFoundError).zoomCode).toBe(2901);
  });

  it('lists recordings; the transcript URL appears once Zoom has transcribed the call', async () => {
    const call = zoom.addCall({ transcribed: false, scenario: 'tech_support' });
    const api = client();
    const before = await api.listEngagementRecordings(call.engagement.id);
    expect(before).toHaveLength(1);
    expect(before[0]).toMatchObject({
      id: call.recording!.id,
      engagementId: call.engagement.id,
      channel: 'voice',
      transcriptUrl: null,
    });
    zoom.completeTranscript(call.engagement.id);
    const [after] = await api.listEngagementRecordings(call.engagement.id);
    expect(after?.transcriptUrl).toBe(
      `${zoom.apiBaseUrl}/contact_center/recording/transcripts/${call.recording!.id}`,
    );
    expect(after?.agent?.email).toMatch(/@acme\.example$/);
  });

  it("downloads a WebVTT transcript through Zoom's redirect, without sending the token to storage", async () => {
    const call = zoom.addCall({ scenario: 'cancellation', seed: 5 });
    const api = client();
    const [recording] = await api.listEngagementRecordings(call.engagement.id);
    const transcript = await api.downloadTranscript(recording!.transcriptUrl!);
    expect(transcript.format).toBe('vtt');
    expect(transcript.contentType).toMatch(/^text\/vtt/);
    expect(transcript.text).toBe(call.transcriptText);
    expect(transcript.text.startsWith('WEBVTT\n\n1\n00:00:00.800 --> ')).toBe(true);
    expect(zoom.callCount('GET /v2/contact_center/recording/transcripts/:recordingId')).toBe(1);
    expect(zoom.stats.storageRequests).toEqual([
      { path: `/fake-storage/transcripts/${call.recording!.id}.vtt`, hadAuthorization: false },
    ]);
  });

  it('a transcript that is not ready yet is a typed not-found, then downloads', async () => {
    const call = zoom.addCall();
    const api = client();
    const [recording] = await api.listEngagementRecordings(call.engagement.id);
    zoom.faults.transcriptNotReadyFor(1);
    await expect(api.downloadTranscript(recording!.transcriptUrl!)).rejects.toBeInstanceOf(ZoomNotFoundError);
    expect((await api.downloadTranscript(recording!.transcriptUrl!)).text).toBe(call.transcriptText);
  });

  it('refuses to send the token to a transcript URL that is not Zoom', async () => {
    const error = await failure(client().downloadTranscript('https://attacker.example/transcript.vtt'));
    expect(error).toBeInstanceOf(ZoomResponseError);
    expect(zoom.stats.requests).toHaveLength(0);
  });

  it('pages through engagements in a time window', async () => {
    const other = await startFakeZoom();
    try {
      const base = Date.parse('2025-02-03T09:00:00Z');
      const ids = Array.from(
        { length: 23 },
        (_, i) => other.addCall({ startedAt: new Date(base + i * 600_000), seed: i }).engagement.id,
      );
      other.addCall({ startedAt: new Date(base - 86_400_000) }); // outside the window
      const { accessToken } = other.issueTokens();
      const api = createZoomApiClient({
        accountId: other.defaultAccountId,
        getAccessToken: () => Promise.resolve(accessToken),
        baseUrl: other.apiBaseUrl,
        limiter: createAccountLimiter(),
      });
      const window = { from: new Date(base - 60_000), to: new Date(base + 24 * 600_000) };

      const first = await api.listEngagements({ ...window, pageSize: 10 });
      expect(first.engagements).toHaveLength(10);
      expect(first.nextPageToken).toBeTruthy();
      const second = await api.listEngagements({
        ...window,
        pageSize: 10,
        nextPageToken: first.nextPageToken!,
      });
      const third = await api.listEngagements({
        ...window,
        pageSize: 10,
        nextPageToken: second.nextPageToken!,
      });
      expect(third.engagements).toHaveLength(3);
      expect(third.nextPageToken).toBeNull();
      const paged = [...first.engagements, ...second.engagements, ...third.engagements].map((e) => e.id);
      expect(new Set(paged)).toEqual(new Set(ids));

      const all: string[] = [];
      for await (const engagement of api.engagementsBetween(window.from, window.to)) all.push(engagement.id);
      expect(all.sort()).toEqual([...ids].sort());
      const query = other.stats.requests.find((r) => r.path === '/v2/contact_center/engagements');
      expect(query?.status).toBe(200);
    } finally {
      await other.close();
    }
  });

  it('waits out a 429 for its Retry-After, then succeeds', async () => {
    const call = zoom.addCall();
    zoom.faults.rateLimit(1, { retryAfterSeconds: 1 });
    const started = performance.now();
    const engagement = await client().getEngagement(call.engagement.id);
    const elapsed = performance.now() - started;
    expect(engagement.id).toBe(call.engagement.id);
    expect(elapsed).toBeGreaterThanOrEqual(1000);
    expect(elapsed).toBeLessThan(3000);
    expect(zoom.callCount(ENGAGEMENT_ROUTE)).toBe(1); // the 429 was answered before routing
    expect(zoom.stats.requests.map((r) => r.status)).toEqual([429, 200]);
  });

  it('backs off exponentially on a 429 without Retry-After', async () => {
    const call = zoom.addCall();
    zoom.faults.rateLimit(2, { retryAfterSeconds: null });
    await client({ baseDelayMs: 40, maxDelayMs: 1000, random: () => 0 }).getEngagement(call.engagement.id);
    expect(zoom.stats.requests.map((r) => r.status)).toEqual([429, 429, 200]);
  });

  it('hands a long Retry-After or a daily limit back to the caller instead of sleeping', async () => {
    const call = zoom.addCall();
    zoom.faults.rateLimit(1, { retryAfterSeconds: 120 });
    const long = await failure(client({ maxRetryAfterMs: 30_000 }).getEngagement(call.engagement.id));
    expect(long).toBeInstanceOf(ZoomRateLimitedError);
    expect((long as ZoomRateLimitedError).retryAfterMs).toBeGreaterThanOrEqual(120_000);

    zoom.faults.rateLimit(1, { retryAfterSeconds: null, rateLimitType: 'Daily-limit' });
    const daily = await failure(client().getEngagement(call.engagement.id));
    expect(daily).toBeInstanceOf(ZoomRateLimitedError);
    expect(zoom.stats.requests.map((r) => r.status)).toEqual([429, 429]);
  });

  it('retries 5xx a bounded number of times', async () => {
    const call = zoom.addCall();
    zoom.faults.serverError(2, { status: 502 });
    expect((await client({ maxRetries: 2 }).getEngagement(call.engagement.id)).id).toBe(call.engagement.id);
    expect(zoom.stats.requests.map((r) => r.status)).toEqual([502, 502, 200]);

    zoom.resetStats();
    zoom.faults.serverError(10, { status: 503 });
    await expect(client({ maxRetries: 2 }).getEngagement(call.engagement.id)).rejects.toBeInstanceOf(
      ZoomUnavailableError,
    );
    expect(zoom.stats.requests.map((r) => r.status)).toEqual([503, 503, 503]);
  });

  it('times out a request that hangs, and retries it', async () => {
    const call = zoom.addCall();
    zoom.faults.hang(1);
    const started = performance.now();
    await expect(
      client({ timeoutMs: 200, maxRetries: 0 }).getEngagement(call.engagement.id),
    ).rejects.toBeInstanceOf(ZoomUnavailableError);
    expect(performance.now() - started).toBeLessThan(2000);
    zoom.faults.hang(1);
    expect((await client({ timeoutMs: 200, maxRetries: 1 }).getEngagement(call.engagement.id)).id).toBe(
      call.engagement.id,
    );
  });

  it('surfaces 401 as a typed auth error, so the caller can refresh once', async () => {
    const call = zoom.addCall();
    const api = client();
    zoom.expireAccessTokens();
    const error = await failure(api.getEngagement(call.engagement.id));
    expect(error).toBeInstanceOf(ZoomAuthError);
    expect(error).toMatchObject({ status: 401, zoomCode: 124, retryable: false });
    expect((error as Error).message).not.toContain('fake_at_');
  });

  it('a token without the needed scope is an auth error (Zoom code 4711)', async () => {
    const call = zoom.addCall();
    const { accessToken } = zoom.issueTokens({ scopes: ['user:read:user:admin'] });
    const api = createZoomApiClient({
      accountId: 'scopeless',
      getAccessToken: () => Promise.resolve(accessToken),
      baseUrl: zoom.apiBaseUrl,
      limiter: createAccountLimiter(),
    });
    await expect(api.getEngagement(call.engagement.id)).rejects.toMatchObject({
      name: 'ZoomAuthError',
      status: 400,
      zoomCode: 4711,
    });
  });

  it("never sees another account's engagements", async () => {
    const otherAccount = zoom.addAccount({ name: 'Globex' });
    const outsider = zoom.addUser({
      accountId: otherAccount.id,
      firstName: 'Ola',
      lastName: 'Nordmann',
      accountRole: 'Owner',
      contactCenterRole: 'Admin',
    });
    const call = zoom.addCall();
    const { accessToken } = zoom.issueTokens({ userId: outsider.id });
    const api = createZoomApiClient({
      accountId: otherAccount.id,
      getAccessToken: () => Promise.resolve(accessToken),
      baseUrl: zoom.apiBaseUrl,
      limiter: createAccountLimiter(),
    });
    await expect(api.getEngagement(call.engagement.id)).rejects.toBeInstanceOf(ZoomNotFoundError);
    await expect(api.listEngagementRecordings(call.engagement.id)).rejects.toMatchObject({ zoomCode: 2805 });
  });

  it('keeps at most N requests in flight per account, measured at Zoom', async () => {
    const calls = Array.from({ length: 12 }, () => zoom.addCall());
    zoom.setLatency(40);
    const limiter = createAccountLimiter({ maxConcurrent: 3 });
    const api = client({ limiter });
    const results = await Promise.all(calls.map((call) => api.getEngagement(call.engagement.id)));
    expect(results).toHaveLength(12);
    expect(zoom.stats.maxInFlight).toBe(3);

    // Separate accounts have separate pools: two accounts at 2 each reach 4 together, never more.
    zoom.resetStats();
    const otherAccount = zoom.addAccount({ name: 'Initech' });
    const otherOwner = zoom.addUser({
      accountId: otherAccount.id,
      firstName: 'Bill',
      lastName: 'Lumbergh',
      accountRole: 'Owner',
      contactCenterRole: 'Admin',
    });
    const otherCalls = Array.from({ length: 8 }, () =>
      zoom.addCall({ accountId: otherAccount.id, agentId: otherOwner.id }),
    );
    const pool = createAccountLimiter({ maxConcurrent: 2 });
    const mine = client({ limiter: pool });
    const { accessToken } = zoom.issueTokens({ userId: otherOwner.id });
    const theirs = createZoomApiClient({
      accountId: otherAccount.id,
      getAccessToken: () => Promise.resolve(accessToken),
      baseUrl: zoom.apiBaseUrl,
      limiter: pool,
    });
    await Promise.all([
      ...calls.slice(0, 8).map((c) => mine.getEngagement(c.engagement.id)),
      ...otherCalls.map((c) => theirs.getEngagement(c.engagement.id)),
    ]);
    expect(zoom.stats.maxInFlightByAccount.get(zoom.defaultAccountId)).toBe(2);
    expect(zoom.stats.maxInFlightByAccount.get(otherAccount.id)).toBe(2);
    expect(zoom.stats.maxInFlight).toBe(4);
  });

  it('a 429 pauses the whole account, not only the refused request', async () => {
    const calls = Array.from({ length: 4 }, () => zoom.addCall());
    zoom.setLatency(20);
    zoom.faults.rateLimit(1, { retryAfterSeconds: 1 });
    const api = client({ limiter: createAccountLimiter({ maxConcurrent: 1 }) });
    const started = performance.now();
    const finished: number[] = [];
    await Promise.all(
      calls.map((call) =>
        api.getEngagement(call.engagement.id).then(() => finished.push(performance.now() - started)),
      ),
    );
    // With one slot the first request is refused; everything after it waits for the Retry-After.
    expect(Math.min(...finished)).toBeGreaterThanOrEqual(1000);
  });
});
