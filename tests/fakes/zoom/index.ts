import { randomBytes } from 'node:crypto';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import express from 'express';
import { encryptAppContext } from '../../../server/zoom/app-context';
import type { EngagementEventName } from '../../../server/zoom/events';
import { loadZoomManifest } from '../../../server/zoom/manifest';
import { apiRoutes, storageRoutes } from './api-routes';
import { generateCall, type CallScenario, type GeneratedCall } from './calls';
import type { FakeZoomContext, FakeZoomStats } from './context';
import { FaultPlan } from './faults';
import { issueCode, oauthRoutes } from './oauth-routes';
import { isMessaging } from './serialize';
import {
  DEFAULT_ACCOUNT_ID,
  displayName,
  opaqueToken,
  seedState,
  zoomId,
  type FakeAccount,
  type FakeChannel,
  type FakeEngagement,
  type FakeRecording,
  type FakeUser,
  type FakeZoomState,
} from './state';
import {
  deauthorizedWebhook,
  engagementWebhook,
  sendWebhook,
  type SendOptions,
  type SendResult,
  type ZoomWebhookDelivery,
} from './webhooks';

/**
 * A fake Zoom on 127.0.0.1 (random port) serving both hosts CallRecap talks to: the OAuth host
 * (/oauth/...) and the API host (/v2/...). Tests, the simulator and the demo drive it through the
 * helpers below: add calls, sign and post their webhooks, inject faults, inspect counters.
 */

export { CALL_SCENARIOS, generateCall, type CallScenario, type GeneratedCall } from './calls';
export type { FakeAccount, FakeChannel, FakeEngagement, FakeRecording, FakeUser } from './state';
export type { ZoomWebhookDelivery, SendResult } from './webhooks';

export interface FakeZoomOptions {
  clientId?: string;
  clientSecret?: string;
  webhookSecret?: string;
  /** Scopes granted on authorization; defaults to the scopes in manifest/manifest.json. */
  scopes?: string[];
  accessTokenTtlSeconds?: number;
  /** Delay before every API answer (to make concurrent requests overlap). */
  latencyMs?: number;
}

export interface AddCallInput {
  accountId?: string;
  scenario?: CallScenario;
  seed?: number;
  channel?: FakeChannel;
  direction?: 'inbound' | 'outbound';
  agentId?: string;
  startedAt?: Date;
  /** False leaves the engagement running (Zoom's API does not serve it yet). */
  ended?: boolean;
  /** False leaves the transcript pending until completeTranscript(). */
  transcribed?: boolean;
}

export interface FakeCall {
  engagement: FakeEngagement;
  recording: FakeRecording | null;
  script: GeneratedCall;
  /** The transcript as Zoom serves it: WebVTT for voice/video, a chat log for messaging. */
  transcriptText: string;
}

export interface FakeZoom {
  url: string;
  oauthBaseUrl: string;
  apiBaseUrl: string;
  clientId: string;
  clientSecret: string;
  webhookSecret: string;
  defaultAccountId: string;
  /** The account owner (also the ZCC admin), who signs in when no login_as is given. */
  defaultUserId: string;
  state: FakeZoomState;
  faults: FaultPlan;
  stats: FakeZoomStats;

  addAccount(input: { name: string; id?: string }): FakeAccount;
  addUser(
    input: Partial<Omit<FakeUser, 'id'>> & { firstName: string; lastName: string; id?: string },
  ): FakeUser;
  usersWithRole(contactCenterRole: string, accountId?: string): FakeUser[];
  addCall(input?: AddCallInput): FakeCall;
  endEngagement(engagementId: string, at?: Date): void;
  completeTranscript(engagementId: string): void;

  /** The deliveries Zoom would send for this engagement so far, in order. */
  webhooksFor(engagementId: string): ZoomWebhookDelivery[];
  buildWebhook(event: EngagementEventName, engagementId: string, eventTs?: number): ZoomWebhookDelivery;
  deauthorizeWebhook(input?: { accountId?: string; userId?: string }): ZoomWebhookDelivery;
  sendWebhook(
    targetUrl: string,
    delivery: ZoomWebhookDelivery,
    options?: Partial<SendOptions>,
  ): Promise<SendResult>;
  /** Sends every delivery of webhooksFor(engagementId) in order. */
  deliverCall(targetUrl: string, engagementId: string): Promise<SendResult[]>;

  /** Tokens for a user without the browser dance (API tests). */
  issueTokens(input?: { userId?: string; scopes?: string[] }): { accessToken: string; refreshToken: string };
  /** What zoomSdk's onAuthorized hands the panel after in-client authorize (plain PKCE). */
  authorizeInClient(input: { codeChallenge: string; redirectUri: string; userId?: string; state?: string }): {
    code: string;
    redirectUri: string;
    state?: string;
    result: true;
  };
  /** An X-Zoom-App-Context value for this user, encrypted with the client secret. */
  appContext(input?: { userId?: string; typ?: string; expiresInMs?: number }): string;
  revokeAccess(input: { userId?: string; accountId?: string }): void;
  expireAccessTokens(): void;
  setLatency(ms: number): void;
  resetStats(): void;
  callCount(key: string): number;
  close(): Promise<void>;
}

export async function startFakeZoom(options: FakeZoomOptions = {}): Promise<FakeZoom> {
  const state = seedState();
  const faults = new FaultPlan();
  const stats: FakeZoomStats = {
    calls: new Map(),
    requests: [],
    storageRequests: [],
    inFlight: 0,
    maxInFlight: 0,
    inFlightByAccount: new Map(),
    maxInFlightByAccount: new Map(),
  };
  let origin = '';
  let storageOrigin = '';
  const ctx: FakeZoomContext = {
    state,
    faults,
    clientId: options.clientId ?? `fakeClient${randomBytes(6).toString('hex')}`,
    clientSecret: options.clientSecret ?? randomBytes(24).toString('base64url'),
    scopes: options.scopes ?? loadZoomManifest().oauth_information.scopes.map((entry) => entry.scope),
    accessTokenTtlSeconds: options.accessTokenTtlSeconds ?? 3599,
    defaultUserId: 'fakeUser_AveryOwner001',
    origin: () => origin,
    storageOrigin: () => storageOrigin,
    stats,
    latencyMs: options.latencyMs ?? 0,
    storageSecret: randomBytes(16).toString('hex'),
  };
  const webhookSecret = options.webhookSecret ?? randomBytes(16).toString('base64url');
  const pendingTranscripts = new Map<string, string>();

  const app = express();
  app.disable('x-powered-by');
  app.use(oauthRoutes(ctx));
  app.use(apiRoutes(ctx));

  const storageApp = express();
  storageApp.disable('x-powered-by');
  storageApp.use(storageRoutes(ctx));

  const server = await listen(app);
  const storageServer = await listen(storageApp);
  origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  storageOrigin = `http://127.0.0.1:${(storageServer.address() as AddressInfo).port}`;

  const userOrThrow = (id: string): FakeUser => {
    const user = state.users.get(id);
    if (!user) throw new Error(`Fake Zoom has no user ${id}.`);
    return user;
  };
  const engagementOrThrow = (id: string): FakeEngagement => {
    const engagement = state.engagements.get(id);
    if (!engagement) throw new Error(`Fake Zoom has no engagement ${id}.`);
    return engagement;
  };
  const recordingOf = (engagementId: string) =>
    [...state.recordings.values()].find((r) => r.engagementId === engagementId) ?? null;
  let agentTurn = 0;

  const fake: FakeZoom = {
    url: origin,
    oauthBaseUrl: origin,
    apiBaseUrl: `${origin}/v2`,
    clientId: ctx.clientId,
    clientSecret: ctx.clientSecret,
    webhookSecret,
    defaultAccountId: DEFAULT_ACCOUNT_ID,
    defaultUserId: ctx.defaultUserId,
    state,
    faults,
    stats,

    addAccount({ name, id }) {
      const account = { id: id ?? `fakeAcct_${zoomId()}`, number: 90000000 + state.accounts.size, name };
      state.accounts.set(account.id, account);
      return account;
    },

    addUser(input) {
      const user: FakeUser = {
        id: input.id ?? `fakeUser_${zoomId()}`,
        accountId: input.accountId ?? DEFAULT_ACCOUNT_ID,
        email: input.email ?? `${input.firstName}.${input.lastName}@acme.example`.toLowerCase(),
        firstName: input.firstName,
        lastName: input.lastName,
        accountRole: input.accountRole ?? 'Member',
        contactCenterRole: input.contactCenterRole === undefined ? 'Agent' : input.contactCenterRole,
      };
      if (!state.accounts.has(user.accountId)) throw new Error(`Fake Zoom has no account ${user.accountId}.`);
      state.users.set(user.id, user);
      return user;
    },

    usersWithRole(role, accountId = DEFAULT_ACCOUNT_ID) {
      return [...state.users.values()].filter(
        (u) => u.accountId === accountId && u.contactCenterRole === role,
      );
    },

    addCall(input = {}) {
      const accountId = input.accountId ?? DEFAULT_ACCOUNT_ID;
      const agents = fake.usersWithRole('Agent', accountId);
      const agent = input.agentId
        ? userOrThrow(input.agentId)
        : agents[agentTurn++ % Math.max(agents.length, 1)];
      if (!agent) throw new Error(`Fake Zoom account ${accountId} has no agent to take the call.`);
      const script = generateCall({
        scenario: input.scenario,
        seed: input.seed ?? Math.floor(Math.random() * 2 ** 31),
        agentName: displayName(agent),
      });
      const channel = input.channel ?? 'voice';
      const startTime = input.startedAt ?? new Date(Date.now() - (script.durationSeconds + 120) * 1000);
      const endTime = new Date(startTime.getTime() + (script.durationSeconds + 25) * 1000);
      const queueId = `q_${script.queueName.toLowerCase().replace(/\W+/g, '_')}`;
      const engagement: FakeEngagement = {
        id: zoomId(),
        accountId,
        channel,
        direction: input.direction ?? 'inbound',
        queue: { id: queueId, name: script.queueName },
        flow: {
          id: `flow_${queueId}`,
          name: `${script.queueName} ${channel === 'voice' || channel === 'video' ? 'Line' : 'Chat'}`,
        },
        agentIds: [agent.id],
        consumer: {
          id: zoomId(),
          name: script.customer.name,
          number: script.customer.phone,
          email: script.customer.email,
        },
        startTime,
        endTime: input.ended === false ? null : endTime,
        dispositions: [],
        messagingTranscript: null,
      };
      state.engagements.set(engagement.id, engagement);
      const messaging = isMessaging(engagement);
      const transcriptText = messaging ? script.chatText : script.vtt;
      let recording: FakeRecording | null = null;
      if (!messaging) {
        recording = {
          id: zoomId(),
          engagementId: engagement.id,
          accountId,
          agentId: agent.id,
          startTime: new Date(startTime.getTime() + 25_000),
          endTime,
          transcript: null,
        };
        state.recordings.set(recording.id, recording);
      }
      pendingTranscripts.set(engagement.id, transcriptText);
      if (input.transcribed !== false && input.ended !== false) fake.completeTranscript(engagement.id);
      return { engagement, recording, script, transcriptText };
    },

    endEngagement(engagementId, at = new Date()) {
      engagementOrThrow(engagementId).endTime = at;
    },

    completeTranscript(engagementId) {
      const engagement = engagementOrThrow(engagementId);
      const text = pendingTranscripts.get(engagementId);
      if (!text) throw new Error(`Engagement ${engagementId} has no pending transcript.`);
      if (isMessaging(engagement)) engagement.messagingTranscript = text;
      else {
        const recording = recordingOf(engagementId);
        if (recording) recording.transcript = text;
      }
      pendingTranscripts.delete(engagementId);
    },

    webhooksFor(engagementId) {
      const engagement = engagementOrThrow(engagementId);
      const deliveries = [
        engagementWebhook('contact_center.engagement_started', engagement, {
          eventTs: engagement.startTime.getTime(),
        }),
      ];
      if (!engagement.endTime) return deliveries;
      deliveries.push(
        engagementWebhook('contact_center.engagement_ended', engagement, {
          eventTs: engagement.endTime.getTime(),
        }),
      );
      const transcribedAt = engagement.endTime.getTime() + 90_000;
      const recording = recordingOf(engagementId);
      if (recording?.transcript) {
        deliveries.push(
          engagementWebhook('contact_center.recording_transcript_completed', engagement, {
            recording,
            eventTs: transcribedAt,
          }),
        );
      }
      if (engagement.messagingTranscript) {
        deliveries.push(
          engagementWebhook('contact_center.engagement_messaging_transcript_completed', engagement, {
            eventTs: transcribedAt,
          }),
        );
      }
      return deliveries;
    },

    buildWebhook(event, engagementId, eventTs) {
      const engagement = engagementOrThrow(engagementId);
      return engagementWebhook(event, engagement, {
        recording: recordingOf(engagementId) ?? undefined,
        eventTs,
      });
    },

    deauthorizeWebhook(input = {}) {
      return deauthorizedWebhook({
        accountId: input.accountId ?? DEFAULT_ACCOUNT_ID,
        userId: input.userId ?? ctx.defaultUserId,
        clientId: ctx.clientId,
      });
    },

    sendWebhook: (targetUrl, delivery, sendOptions = {}) =>
      sendWebhook(targetUrl, delivery, { secret: webhookSecret, ...sendOptions }),

    async deliverCall(targetUrl, engagementId) {
      const results: SendResult[] = [];
      for (const delivery of fake.webhooksFor(engagementId))
        results.push(await fake.sendWebhook(targetUrl, delivery));
      return results;
    },

    issueTokens(input = {}) {
      const user = userOrThrow(input.userId ?? ctx.defaultUserId);
      const grantId = opaqueToken('grant_');
      state.grants.set(grantId, {
        id: grantId,
        accountId: user.accountId,
        userId: user.id,
        scopes: input.scopes ?? [...ctx.scopes],
        revoked: false,
      });
      const accessToken = opaqueToken('fake_at_');
      const refreshToken = opaqueToken('fake_rt_');
      state.accessTokens.set(accessToken, {
        grantId,
        expiresAt: Date.now() + ctx.accessTokenTtlSeconds * 1000,
      });
      state.refreshTokens.set(refreshToken, { grantId, used: false });
      return { accessToken, refreshToken };
    },

    authorizeInClient({ codeChallenge, redirectUri, userId, state: oauthState }) {
      const code = issueCode(ctx, {
        userId: userOrThrow(userId ?? ctx.defaultUserId).id,
        redirectUri,
        codeChallenge,
        method: 'plain',
      });
      return { code, redirectUri, state: oauthState, result: true };
    },

    appContext(input = {}) {
      const user = userOrThrow(input.userId ?? ctx.defaultUserId);
      const now = Date.now();
      return encryptAppContext(
        {
          typ: input.typ ?? 'panel',
          uid: user.id,
          aid: user.accountId,
          iss: 'marketplace.zoom.us',
          aud: ctx.clientId,
          ts: now,
          exp: now + (input.expiresInMs ?? 5 * 60_000),
        },
        ctx.clientSecret,
      );
    },

    revokeAccess({ userId, accountId }) {
      for (const grant of state.grants.values()) {
        if ((userId && grant.userId === userId) || (accountId && grant.accountId === accountId))
          grant.revoked = true;
      }
    },

    expireAccessTokens() {
      for (const record of state.accessTokens.values()) record.expiresAt = Date.now() - 1;
    },

    setLatency(ms) {
      ctx.latencyMs = ms;
    },

    resetStats() {
      stats.calls.clear();
      stats.requests.length = 0;
      stats.storageRequests.length = 0;
      stats.maxInFlight = stats.inFlight;
      stats.maxInFlightByAccount.clear();
    },

    callCount: (key) => stats.calls.get(key) ?? 0,

    async close() {
      await Promise.all([stop(server), stop(storageServer)]);
    },
  };
  return fake;
}

async function listen(app: express.Express): Promise<Server> {
  const server = app.listen(0, '127.0.0.1');
  await new Promise<void>((resolve, reject) => {
    server.once('listening', resolve);
    server.once('error', reject);
  });
  return server;
}

async function stop(server: Server): Promise<void> {
  // Hung requests (fault injection) would otherwise keep close() waiting forever.
  server.closeAllConnections();
  await new Promise<void>((resolve, reject) => server.close((error) => (error ? reject(error) : resolve())));
}
