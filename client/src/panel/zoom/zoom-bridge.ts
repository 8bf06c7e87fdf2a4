import { z } from 'zod';
import { ZOOM_CAPABILITIES, type ZoomSdkLike } from './zoom-sdk';

/**
 * Our own small interface over the Zoom Apps SDK: the rest of the panel never sees SDK types.
 * Every payload from the client is parsed here, because Zoom documents several fields as optional
 * and status events carry only the fields that changed.
 */

const text = z.string().max(2000);
/** Zoom documents startTime as a number but describes it as ISO text; accept both. */
const when = z.union([z.number(), z.string()]).optional().catch(undefined);

const engagementContextSchema = z.looseObject({
  engagementId: z.string().min(1).max(200),
  startTime: when,
  acceptTime: when,
  queueId: text.optional(),
  queueName: text.optional(),
  isTransfer: z.union([z.string(), z.boolean()]).optional(),
  transferType: text.optional(),
  transferFromAgentName: text.optional(),
});

const consumerSchema = z.looseObject({
  consumerId: text.optional(),
  consumerDisplayName: text.optional(),
  consumerNumber: text.optional(),
  consumerEmail: text.optional(),
});

export const engagementStateSchema = z.enum(['active', 'inactive', 'wrap-up', 'end']);

/** Status events send only the changed fields; only the id is always there. */
const engagementStatusSchema = z.looseObject({
  engagementId: z.string().min(1).max(200),
  state: engagementStateSchema.optional().catch(undefined),
  endTime: when,
  channel: text.optional(),
  source: text.optional(),
  isConference: z.union([z.string(), z.boolean()]).optional(),
  assignedAgentName: text.optional(),
  consumers: z.array(consumerSchema).max(50).optional(),
});

const configResponseSchema = z.looseObject({
  runningContext: z.string().optional(),
  auth: z.looseObject({ status: z.string() }).optional(),
});
const runningContextSchema = z.looseObject({ context: z.string() });
const appContextSchema = z.looseObject({ context: z.string().min(1) });
const authorizedSchema = z.looseObject({
  code: z.string().optional(),
  state: z.string().optional(),
  result: z.boolean().optional(),
});

export type EngagementState = z.infer<typeof engagementStateSchema>;

export interface EngagementContextInfo {
  engagementId: string;
  startedAt: string | null;
  acceptedAt: string | null;
  queueName: string | null;
  transferredFrom: string | null;
}

export interface Consumer {
  name: string | null;
  number: string | null;
  email: string | null;
}

/** A status snapshot or a diff: absent fields did not change. */
export interface EngagementStatusPatch {
  engagementId: string;
  state?: EngagementState;
  endedAt?: string;
  channel?: string;
  source?: string;
  isConference?: boolean;
  assignedAgentName?: string;
  consumers?: Consumer[];
}

export interface AuthorizedEvent {
  code: string | null;
  state: string | null;
  approved: boolean;
}

export type ZoomStart =
  | { kind: 'in-contact-center'; bridge: ZoomBridge; alreadyAuthorized: boolean }
  | { kind: 'outside'; reason: 'not-zoom' | 'wrong-context' | 'timeout'; detail: string };

export interface ZoomBridge {
  currentEngagement(): Promise<EngagementContextInfo | null>;
  engagementStatus(engagementId: string): Promise<EngagementStatusPatch | null>;
  appContext(): Promise<string>;
  authorize(input: { codeChallenge: string; state: string }): Promise<void>;
  openUrl(url: string): Promise<void>;
  onEngagementChange(listener: (context: EngagementContextInfo) => void): () => void;
  onStatusChange(listener: (patch: EngagementStatusPatch) => void): () => void;
  onAuthorized(listener: (event: AuthorizedEvent) => void): () => void;
}

function toIso(value: number | string | undefined): string | null {
  if (value === undefined || value === '') return null;
  // Zoom sends epoch numbers in seconds or milliseconds depending on the field; anything under 1e12 is seconds.
  const date = typeof value === 'number' ? new Date(value < 1e12 ? value * 1000 : value) : new Date(value);
  return Number.isNaN(date.getTime()) ? null : date.toISOString();
}

function truthy(value: string | boolean | undefined): boolean | undefined {
  if (value === undefined) return undefined;
  return value === true || value === 'true' || value === '1';
}

export function toEngagementContext(raw: unknown): EngagementContextInfo | null {
  const parsed = engagementContextSchema.safeParse(raw);
  if (!parsed.success) return null;
  const c = parsed.data;
  return {
    engagementId: c.engagementId,
    startedAt: toIso(c.startTime),
    acceptedAt: toIso(c.acceptTime),
    queueName: c.queueName || null,
    transferredFrom: truthy(c.isTransfer) && c.transferFromAgentName ? c.transferFromAgentName : null,
  };
}

export function toStatusPatch(raw: unknown): EngagementStatusPatch | null {
  const parsed = engagementStatusSchema.safeParse(raw);
  if (!parsed.success) return null;
  const s = parsed.data;
  const patch: EngagementStatusPatch = { engagementId: s.engagementId };
  if (s.state !== undefined) patch.state = s.state;
  const endedAt = toIso(s.endTime);
  if (endedAt) patch.endedAt = endedAt;
  if (s.channel !== undefined) patch.channel = s.channel;
  if (s.source !== undefined) patch.source = s.source;
  const conference = truthy(s.isConference);
  if (conference !== undefined) patch.isConference = conference;
  if (s.assignedAgentName !== undefined) patch.assignedAgentName = s.assignedAgentName;
  if (s.consumers !== undefined) {
    patch.consumers = s.consumers.map((c) => ({
      name: c.consumerDisplayName || null,
      number: c.consumerNumber || null,
      email: c.consumerEmail || null,
    }));
  }
  return patch;
}

function field(raw: unknown, key: string): unknown {
  return raw && typeof raw === 'object' ? (raw as Record<string, unknown>)[key] : undefined;
}

/** A fan-out that keeps events arriving before anyone listens (the SDK may fire during start-up). */
class EventRelay<T> {
  private listeners = new Set<(value: T) => void>();
  private early: T[] = [];

  emit(value: T): void {
    if (this.listeners.size === 0) {
      this.early.push(value);
      return;
    }
    for (const listener of this.listeners) listener(value);
  }

  listen(listener: (value: T) => void): () => void {
    this.listeners.add(listener);
    const queued = this.early;
    this.early = [];
    for (const value of queued) listener(value);
    return () => this.listeners.delete(listener);
  }
}

const CONFIG_TIMEOUT_MS = 8_000;
const RECONFIGURE_MS = 110 * 60_000;

function withTimeout<T>(promise: Promise<T>, ms: number): Promise<T | 'timeout'> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => resolve('timeout'), ms);
    promise.then(
      (value) => {
        clearTimeout(timer);
        resolve(value);
      },
      (error: unknown) => {
        clearTimeout(timer);
        reject(error instanceof Error ? error : new Error(String(error)));
      },
    );
  });
}

/**
 * config() first (the SDK refuses everything else before it), then the running context must be
 * Contact Center. In a normal browser config rejects at once; inside a foreign frame it would wait
 * for an answer that never comes, hence the timeout.
 */
export async function startZoom(sdk: ZoomSdkLike): Promise<ZoomStart> {
  let configured: unknown;
  try {
    configured = await withTimeout(sdk.config({ capabilities: [...ZOOM_CAPABILITIES] }), CONFIG_TIMEOUT_MS);
  } catch (error) {
    return {
      kind: 'outside',
      reason: 'not-zoom',
      detail: error instanceof Error ? error.message : String(error),
    };
  }
  if (configured === 'timeout')
    return { kind: 'outside', reason: 'timeout', detail: 'The Zoom client did not answer.' };
  const config = configResponseSchema.safeParse(configured);
  let runningContext = config.success ? config.data.runningContext : undefined;
  if (!runningContext) {
    const answer = runningContextSchema.safeParse(await sdk.getRunningContext().catch(() => null));
    runningContext = answer.success ? answer.data.context : 'unknown';
  }
  if (runningContext !== 'inContactCenter') {
    return { kind: 'outside', reason: 'wrong-context', detail: runningContext };
  }
  // Zoom's own samples re-run config before its two-hour lifetime ends; agents keep the panel open all day.
  setInterval(
    () => void sdk.config({ capabilities: [...ZOOM_CAPABILITIES] }).catch(() => undefined),
    RECONFIGURE_MS,
  );
  return {
    kind: 'in-contact-center',
    bridge: createBridge(sdk),
    alreadyAuthorized: config.success && config.data.auth?.status === 'authorized',
  };
}

function createBridge(sdk: ZoomSdkLike): ZoomBridge {
  const contexts = new EventRelay<EngagementContextInfo>();
  const statuses = new EventRelay<EngagementStatusPatch>();
  const authorizations = new EventRelay<AuthorizedEvent>();
  // Subscribed once, at start-up, so no event is missed while the UI mounts.
  sdk.onEngagementContextChange((event: unknown) => {
    const context = toEngagementContext(field(event, 'engagementContext'));
    if (context) contexts.emit(context);
  });
  sdk.onEngagementStatusChange((event: unknown) => {
    const patch = toStatusPatch(field(event, 'engagementStatus'));
    if (patch) statuses.emit(patch);
  });
  sdk.onAuthorized((event: unknown) => {
    const parsed = authorizedSchema.safeParse(event);
    if (!parsed.success) return;
    authorizations.emit({
      code: parsed.data.code || null,
      state: parsed.data.state ?? null,
      approved: parsed.data.result !== false && Boolean(parsed.data.code),
    });
  });

  return {
    async currentEngagement() {
      try {
        return toEngagementContext(field(await sdk.getEngagementContext(), 'engagementContext'));
      } catch {
        // 10243: the app is open outside an engagement. Nothing to show yet; events will tell us.
        return null;
      }
    },
    async engagementStatus(engagementId) {
      try {
        return toStatusPatch(field(await sdk.getEngagementStatus({ engagementId }), 'engagementStatus'));
      } catch {
        return null;
      }
    },
    async appContext() {
      const parsed = appContextSchema.safeParse(await sdk.getAppContext());
      if (!parsed.success) throw new Error('Zoom did not return an app context.');
      return parsed.data.context;
    },
    async authorize(input) {
      await sdk.authorize(input);
    },
    async openUrl(url) {
      await sdk.openUrl({ url });
    },
    onEngagementChange: (listener) => contexts.listen(listener),
    onStatusChange: (listener) => statuses.listen(listener),
    onAuthorized: (listener) => authorizations.listen(listener),
  };
}
