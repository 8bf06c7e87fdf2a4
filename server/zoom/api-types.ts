import { z } from 'zod';

/**
 * Zoom REST response shapes (loose: extra fields pass) and their mapping to CallRecap's own types.
 * Callers only see the camelCase types below.
 */

const text = z.string().max(5000).nullish();
const count = z.number().finite().nonnegative().nullish();
const zoomId = z.string().min(1).max(200);
const numericOrText = z.union([z.string(), z.number()]).transform(String).nullish();

// --- /users/me -------------------------------------------------------------------------------

export const zoomUserResponseSchema = z.looseObject({
  id: zoomId,
  account_id: zoomId,
  email: text,
  first_name: text,
  last_name: text,
  display_name: text,
  /** The Zoom account role (Owner, Admin, Member or custom), not the Contact Center role. */
  role_name: text,
  role_id: numericOrText,
  type: z.number().nullish(),
  status: text,
  timezone: text,
});

export interface ZoomUser {
  id: string;
  accountId: string;
  email: string | null;
  displayName: string;
  accountRoleName: string | null;
  accountRoleId: string | null;
  status: string | null;
  timezone: string | null;
}

export function toZoomUser(raw: z.infer<typeof zoomUserResponseSchema>): ZoomUser {
  const fullName = [raw.first_name, raw.last_name].filter(Boolean).join(' ');
  return {
    id: raw.id,
    accountId: raw.account_id,
    email: raw.email || null,
    displayName: raw.display_name || fullName || raw.email || raw.id,
    accountRoleName: raw.role_name || null,
    accountRoleId: raw.role_id ?? null,
    status: raw.status || null,
    timezone: raw.timezone || null,
  };
}

// --- /contact_center/users/{userId} ------------------------------------------------------------

export const contactCenterUserResponseSchema = z.looseObject({
  user_id: zoomId,
  display_name: text,
  user_email: text,
  role_id: numericOrText,
  /** Built-in roles are Admin, Supervisor and Agent; accounts can add custom ones. */
  role_name: text,
  status_name: text,
  user_access: text,
});

export interface ContactCenterUser {
  id: string;
  displayName: string | null;
  email: string | null;
  roleId: string | null;
  roleName: string | null;
  status: string | null;
  active: boolean;
}

export function toContactCenterUser(raw: z.infer<typeof contactCenterUserResponseSchema>): ContactCenterUser {
  return {
    id: raw.user_id,
    displayName: raw.display_name || null,
    email: raw.user_email || null,
    roleId: raw.role_id || null,
    roleName: raw.role_name || null,
    status: raw.status_name || null,
    active: raw.user_access !== 'inactive',
  };
}

// --- engagements ---------------------------------------------------------------------------------

export const engagementResponseSchema = z.looseObject({
  engagement_id: zoomId,
  start_time: z.string().refine((value) => !Number.isNaN(Date.parse(value)), 'start_time must be a date'),
  end_time: text,
  duration: count,
  direction: text,
  channel_types: z.array(z.string()).nullish(),
  channels: z.array(z.looseObject({ channel: text, channel_source: text })).nullish(),
  consumers: z
    .array(
      z.looseObject({
        consumer_id: text,
        consumer_display_name: text,
        consumer_number: text,
        consumer_email: text,
      }),
    )
    .nullish(),
  queues: z.array(z.looseObject({ queue_id: text, cc_queue_id: text, queue_name: text })).nullish(),
  agents: z.array(z.looseObject({ user_id: text, display_name: text, user_email: text })).nullish(),
  flows: z.array(z.looseObject({ flow_id: text, flow_name: text })).nullish(),
  dispositions: z.array(z.looseObject({ disposition_id: text, disposition_name: text })).nullish(),
  /** Only messaging engagements have one; voice/video transcripts hang off each recording. */
  transcript_url: text,
});

export const engagementListResponseSchema = z.looseObject({
  next_page_token: text,
  page_size: count,
  total_records: count,
  engagements: z.array(engagementResponseSchema).nullish(),
});

export type EngagementChannel = 'voice' | 'video' | 'chat' | 'sms' | 'email' | 'unknown';

export interface Engagement {
  id: string;
  channel: EngagementChannel;
  /** Zoom's finer source (web_chat, whatsapp, in_app_video...), when given. */
  channelSource: string | null;
  direction: 'inbound' | 'outbound' | null;
  queue: { id: string; name: string | null } | null;
  flow: { id: string; name: string | null } | null;
  agents: Array<{ id: string; name: string | null; email: string | null }>;
  consumer: { id: string | null; name: string | null; number: string | null; email: string | null };
  startedAt: Date;
  endedAt: Date | null;
  durationSeconds: number | null;
  /** Zoom serves engagements over REST once they are over; no end time means it is still running. */
  status: 'completed' | 'in_progress';
  dispositions: string[];
  transcriptUrl: string | null;
}

const CHANNEL_TYPE_MAP: Record<string, EngagementChannel> = {
  voice: 'voice',
  video: 'video',
  in_app_video: 'video',
  kiosk: 'video',
  chat: 'chat',
  in_app_chat: 'chat',
  sms: 'sms',
  email: 'email',
};

function channelOf(raw: z.infer<typeof engagementResponseSchema>): {
  channel: EngagementChannel;
  source: string | null;
} {
  const first = raw.channels?.[0];
  const source = first?.channel_source || null;
  switch (first?.channel) {
    case 'voice':
    case 'video':
    case 'email':
      return { channel: first.channel, source };
    case 'messaging':
      return { channel: source === 'sms' ? 'sms' : 'chat', source };
  }
  const type = raw.channel_types?.[0];
  return { channel: (type && CHANNEL_TYPE_MAP[type]) || 'unknown', source };
}

export function toEngagement(raw: z.infer<typeof engagementResponseSchema>): Engagement {
  const { channel, source } = channelOf(raw);
  const queue = raw.queues?.[0];
  const queueId = queue?.queue_id || queue?.cc_queue_id;
  const flow = raw.flows?.[0];
  const consumer = raw.consumers?.[0];
  const endedAt = dateOrNull(raw.end_time);
  return {
    id: raw.engagement_id,
    channel,
    channelSource: source,
    direction: raw.direction === 'inbound' || raw.direction === 'outbound' ? raw.direction : null,
    queue: queueId ? { id: queueId, name: queue?.queue_name || null } : null,
    flow: flow?.flow_id ? { id: flow.flow_id, name: flow.flow_name || null } : null,
    agents: (raw.agents ?? []).flatMap((agent) =>
      agent.user_id
        ? [{ id: agent.user_id, name: agent.display_name || null, email: agent.user_email || null }]
        : [],
    ),
    consumer: {
      id: consumer?.consumer_id || null,
      name: consumer?.consumer_display_name || null,
      number: consumer?.consumer_number || null,
      email: consumer?.consumer_email || null,
    },
    startedAt: new Date(raw.start_time),
    endedAt,
    durationSeconds: raw.duration ?? null,
    status: endedAt ? 'completed' : 'in_progress',
    dispositions: (raw.dispositions ?? []).flatMap((d) => (d.disposition_name ? [d.disposition_name] : [])),
    transcriptUrl: raw.transcript_url || null,
  };
}

// --- recordings ----------------------------------------------------------------------------------

export const recordingResponseSchema = z.looseObject({
  recording_id: zoomId,
  engagement_id: text,
  recording_start_time: text,
  recording_end_time: text,
  recording_duration: count,
  download_url: text,
  /** Empty or absent until Zoom has transcribed the recording. */
  transcript_url: text,
  channel: text,
  channel_type: text,
  recording_type: text,
  user_id: text,
  display_name: text,
  user_email: text,
});

export const recordingListResponseSchema = z.looseObject({
  next_page_token: text,
  recordings: z.array(recordingResponseSchema).nullish(),
});

export interface EngagementRecording {
  id: string;
  engagementId: string | null;
  channel: 'voice' | 'video' | null;
  startedAt: Date | null;
  endedAt: Date | null;
  durationSeconds: number | null;
  transcriptUrl: string | null;
  downloadUrl: string | null;
  agent: { id: string; name: string | null; email: string | null } | null;
}

export function toRecording(raw: z.infer<typeof recordingResponseSchema>): EngagementRecording {
  const channel = raw.channel || raw.channel_type;
  return {
    id: raw.recording_id,
    engagementId: raw.engagement_id || null,
    channel: channel === 'voice' || channel === 'video' ? channel : null,
    startedAt: dateOrNull(raw.recording_start_time),
    endedAt: dateOrNull(raw.recording_end_time),
    durationSeconds: raw.recording_duration ?? null,
    transcriptUrl: raw.transcript_url || null,
    downloadUrl: raw.download_url || null,
    agent: raw.user_id
      ? { id: raw.user_id, name: raw.display_name || null, email: raw.user_email || null }
      : null,
  };
}

function dateOrNull(value: string | null | undefined): Date | null {
  if (!value) return null;
  const date = new Date(value);
  return Number.isNaN(date.getTime()) ? null : date;
}
