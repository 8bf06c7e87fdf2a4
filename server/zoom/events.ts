import { createHash } from 'node:crypto';
import { z } from 'zod';

/**
 * Zoom webhook payloads. Every schema is loose: Zoom adds fields over time, and a new field must never
 * turn a delivery into a rejection. The webhook `object` is only a pointer: details are fetched over
 * REST, because Zoom does not document the full object of these events.
 */

export const ENGAGEMENT_EVENTS = [
  'contact_center.engagement_started',
  'contact_center.engagement_ended',
  'contact_center.recording_transcript_completed',
  'contact_center.engagement_messaging_transcript_completed',
  'contact_center.voicemail_transcript_completed',
] as const;
export type EngagementEventName = (typeof ENGAGEMENT_EVENTS)[number];

/** What the app subscribes to (the manifest lists exactly these). */
export const SUBSCRIBED_EVENTS = [...ENGAGEMENT_EVENTS, 'app_deauthorized'] as const;
export type SubscribedEventName = (typeof SUBSCRIBED_EVENTS)[number];

/** Milliseconds since the epoch; older app events sent it as a string. */
const eventTimestamp = z.union([
  z.number().int().nonnegative(),
  z
    .string()
    .regex(/^\d{1,16}$/)
    .transform(Number),
]);
/** Zoom sends "" or leaves fields out interchangeably. */
const optionalText = z.string().max(2000).nullish();
const id = z.string().trim().min(1).max(200);

export const zoomWebhookEnvelopeSchema = z.looseObject({
  event: z.string().min(1).max(200),
  event_ts: eventTimestamp.optional(),
  payload: z.looseObject({}),
});
export type ZoomWebhookEnvelope = z.infer<typeof zoomWebhookEnvelopeSchema>;

export const engagementEventObjectSchema = z.looseObject({
  engagement_id: id,
  channel: optionalText,
  channel_source: optionalText,
  direction: optionalText,
  queue_id: optionalText,
  queue_name: optionalText,
  user_id: optionalText,
  recording_id: optionalText,
  transcript_url: optionalText,
});

export const engagementEventSchema = z.looseObject({
  event: z.enum(ENGAGEMENT_EVENTS),
  event_ts: eventTimestamp,
  payload: z.looseObject({ account_id: id, object: engagementEventObjectSchema }),
});
export type EngagementEvent = z.infer<typeof engagementEventSchema>;

export const appDeauthorizedSchema = z.looseObject({
  event: z.literal('app_deauthorized'),
  event_ts: eventTimestamp.optional(),
  payload: z.looseObject({
    account_id: id,
    user_id: optionalText,
    client_id: optionalText,
    deauthorization_time: optionalText,
    /** Unique per uninstall; kept for the audit trail. */
    signature: optionalText,
    // The published schema puts event_ts inside the payload; older docs put it at the top level.
    event_ts: eventTimestamp.optional(),
  }),
});
export type AppDeauthorizedEvent = z.infer<typeof appDeauthorizedSchema>;

export const urlValidationSchema = z.looseObject({
  event: z.literal('endpoint.url_validation'),
  event_ts: eventTimestamp.optional(),
  payload: z.looseObject({ plainToken: z.string().min(1).max(512) }),
});
export type UrlValidationEvent = z.infer<typeof urlValidationSchema>;

export type ParsedWebhook =
  { ok: true; envelope: ZoomWebhookEnvelope } | { ok: false; reason: 'invalid_json' | 'invalid_envelope' };

/** Parse the raw body (after its signature was checked) into the common envelope. */
export function parseZoomWebhook(rawBody: Buffer | string): ParsedWebhook {
  let json: unknown;
  try {
    json = JSON.parse(typeof rawBody === 'string' ? rawBody : rawBody.toString('utf8'));
  } catch {
    return { ok: false, reason: 'invalid_json' };
  }
  const parsed = zoomWebhookEnvelopeSchema.safeParse(json);
  return parsed.success ? { ok: true, envelope: parsed.data } : { ok: false, reason: 'invalid_envelope' };
}

export type ZoomEventClass =
  | {
      kind: 'engagement';
      event: EngagementEventName;
      accountId: string;
      engagementId: string;
      occurredAt: Date;
      recordingId?: string;
      userId?: string;
    }
  | {
      kind: 'deauthorized';
      accountId: string;
      userId?: string;
      clientId?: string;
      deauthorizedAt?: Date;
      signature?: string;
    }
  | { kind: 'url_validation'; plainToken: string }
  | { kind: 'unknown'; event: string; reason: 'unsupported_event' | 'invalid_payload' };

export function classifyEvent(envelope: ZoomWebhookEnvelope): ZoomEventClass {
  const { event } = envelope;
  if (event === 'endpoint.url_validation') {
    const parsed = urlValidationSchema.safeParse(envelope);
    return parsed.success
      ? { kind: 'url_validation', plainToken: parsed.data.payload.plainToken }
      : invalid(event);
  }
  if (event === 'app_deauthorized') {
    const parsed = appDeauthorizedSchema.safeParse(envelope);
    if (!parsed.success) return invalid(event);
    const { payload } = parsed.data;
    return {
      kind: 'deauthorized',
      accountId: payload.account_id,
      userId: present(payload.user_id),
      clientId: present(payload.client_id),
      deauthorizedAt: dateOrUndefined(payload.deauthorization_time),
      signature: present(payload.signature),
    };
  }
  if (isEngagementEvent(event)) {
    const parsed = engagementEventSchema.safeParse(envelope);
    if (!parsed.success) return invalid(event);
    const { payload, event_ts } = parsed.data;
    return {
      kind: 'engagement',
      event: parsed.data.event,
      accountId: payload.account_id,
      engagementId: payload.object.engagement_id,
      occurredAt: new Date(event_ts),
      recordingId: present(payload.object.recording_id),
      userId: present(payload.object.user_id),
    };
  }
  return { kind: 'unknown', event, reason: 'unsupported_event' };
}

/** Fields whose values tell two different events with the same name and time apart. */
const IDENTIFYING_OBJECT_FIELDS = ['engagement_id', 'recording_id', 'task_id', 'user_id'] as const;
const IDENTIFYING_PAYLOAD_FIELDS = ['account_id', 'user_id', 'signature', 'plainToken'] as const;

/**
 * The dedupe key of a delivery. Zoom sends no event id (x-zm-trackingid is per delivery attempt), so
 * the key is built from the event name, its `event_ts` and the ids it is about: a retry or a duplicate
 * of one event always gets the same key, two events never share one.
 */
export function deliveryKey(envelope: ZoomWebhookEnvelope): string {
  const payload = envelope.payload;
  const object = isRecord(payload.object) ? payload.object : {};
  const parts: string[] = [
    envelope.event,
    String(envelope.event_ts ?? stringField(payload, 'event_ts') ?? ''),
  ];
  for (const field of IDENTIFYING_PAYLOAD_FIELDS) parts.push(`${field}=${stringField(payload, field) ?? ''}`);
  for (const field of IDENTIFYING_OBJECT_FIELDS)
    parts.push(`object.${field}=${stringField(object, field) ?? ''}`);
  return `zoom:${createHash('sha256').update(JSON.stringify(parts)).digest('hex')}`;
}

export function isEngagementEvent(event: string): event is EngagementEventName {
  return (ENGAGEMENT_EVENTS as readonly string[]).includes(event);
}

function invalid(event: string): ZoomEventClass {
  return { kind: 'unknown', event, reason: 'invalid_payload' };
}

function present(value: string | null | undefined): string | undefined {
  return value ? value : undefined;
}

function dateOrUndefined(value: string | null | undefined): Date | undefined {
  if (!value) return undefined;
  const date = new Date(value);
  return Number.isNaN(date.getTime()) ? undefined : date;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function stringField(record: Record<string, unknown>, field: string): string | undefined {
  const value = record[field];
  return typeof value === 'string' || typeof value === 'number' ? String(value) : undefined;
}
