import {
  displayName,
  type FakeAccount,
  type FakeEngagement,
  type FakeRecording,
  type FakeUser,
  type FakeZoomState,
} from './state';

/** The fake's objects in the JSON shapes of Zoom's REST API (Users API, Contact Center API v2). */

const ACCOUNT_ROLE_IDS = { Owner: '0', Admin: '1', Member: '2' } as const;
const CC_ROLE_IDS: Record<string, string> = {
  Admin: '27302393-4784-11ec-a3cd-122e3e29bb87',
  Supervisor: '27302a8f-4784-11ec-a3cd-122e3e29bb87',
  Agent: '27302c1e-4784-11ec-a3cd-122e3e29bb87',
};

/** Zoom prints times at second precision in UTC. */
export function zoomTime(date: Date): string {
  return date.toISOString().replace(/\.\d{3}Z$/, 'Z');
}

export function userJson(user: FakeUser, account: FakeAccount) {
  return {
    id: user.id,
    first_name: user.firstName,
    last_name: user.lastName,
    display_name: displayName(user),
    email: user.email,
    type: 2,
    role_name: user.accountRole,
    role_id: ACCOUNT_ROLE_IDS[user.accountRole],
    pmi: 4155550100,
    use_pmi: false,
    timezone: 'America/Los_Angeles',
    verified: 1,
    dept: '',
    created_at: '2023-02-01T17:00:00Z',
    last_login_time: '2025-01-15T16:00:00Z',
    language: 'en-US',
    phone_number: '',
    status: 'active',
    account_id: account.id,
    account_number: account.number,
    cluster: 'us06',
    user_created_at: '2023-02-01T17:00:00Z',
  };
}

export function contactCenterUserJson(user: FakeUser) {
  const role = user.contactCenterRole ?? 'Agent';
  return {
    user_id: user.id,
    display_name: displayName(user),
    user_email: user.email,
    role_id: CC_ROLE_IDS[role] ?? `custom-${role.toLowerCase().replace(/\W+/g, '-')}`,
    role_name: role,
    client_integration: 'Default',
    status_id: '2',
    status_name: 'Ready',
    user_access: 'active',
    country_iso_code: 'US',
    region_id: '8f71O6rWT8KFUGQmJIFAdQ',
    region_name: 'Main Region',
    channel_settings: {
      multi_channel_engagements: { enable: true, max_agent_load: 50, email_max_agent_load: 50 },
      concurrent_message_capacity: 4,
      concurrent_email_capacity: 4,
    },
    package_name: 'premium',
  };
}

const CHANNELS = {
  voice: { channel_types: ['voice'], channels: [{ channel: 'voice' }] },
  video: { channel_types: ['video'], channels: [{ channel: 'video', channel_source: 'web_video' }] },
  chat: { channel_types: ['chat'], channels: [{ channel: 'messaging', channel_source: 'web_chat' }] },
  sms: { channel_types: ['sms'], channels: [{ channel: 'messaging', channel_source: 'sms' }] },
} as const;

export function isMessaging(engagement: FakeEngagement): boolean {
  return engagement.channel === 'chat' || engagement.channel === 'sms';
}

export function engagementJson(engagement: FakeEngagement, state: FakeZoomState, apiBaseUrl: string) {
  const duration = engagement.endTime
    ? Math.round((engagement.endTime.getTime() - engagement.startTime.getTime()) / 1000)
    : 0;
  return {
    start_time: zoomTime(engagement.startTime),
    end_time: engagement.endTime ? zoomTime(engagement.endTime) : '',
    duration,
    engagement_id: engagement.id,
    direction: engagement.direction,
    ...CHANNELS[engagement.channel],
    consumers: [
      {
        consumer_id: engagement.consumer.id,
        consumer_display_name: engagement.consumer.name,
        consumer_number: engagement.consumer.number,
      },
    ],
    flows: [{ flow_id: engagement.flow.id, flow_name: engagement.flow.name, flow_version: '3' }],
    queues: [
      { queue_id: engagement.queue.id, cc_queue_id: engagement.queue.id, queue_name: engagement.queue.name },
    ],
    agents: engagement.agentIds.flatMap((id) => {
      const user = state.users.get(id);
      return user ? [{ user_id: user.id, display_name: displayName(user) }] : [];
    }),
    queue_wait_type: 'live_waiting',
    talk_duration: Math.max(0, duration - 25),
    flow_duration: 10,
    waiting_duration: 15,
    handling_duration: Math.max(0, duration - 25),
    wrap_up_duration: 30,
    voice_mail: 0,
    transfer_count: 0,
    dispositions: engagement.dispositions.map((name, index) => ({
      disposition_id: `disp_${index + 1}`,
      disposition_name: name,
    })),
    notes: [],
    transcript_url:
      isMessaging(engagement) && engagement.messagingTranscript
        ? `${apiBaseUrl}/contact_center/engagements/transcripts/download/${engagement.id}`
        : '',
    survey_id: '',
  };
}

export function recordingJson(recording: FakeRecording, state: FakeZoomState, apiBaseUrl: string) {
  const engagement = state.engagements.get(recording.engagementId);
  const agent = state.users.get(recording.agentId);
  const channel = engagement?.channel === 'video' ? 'video' : 'voice';
  return {
    recording_id: recording.id,
    engagement_id: recording.engagementId,
    queue_id: engagement?.queue.id ?? '',
    cc_queue_id: engagement?.queue.id ?? '',
    queue_name: engagement?.queue.name ?? '',
    recording_duration: Math.round((recording.endTime.getTime() - recording.startTime.getTime()) / 1000),
    download_url: `${apiBaseUrl}/contact_center/recording/download/${recording.id}`,
    // Empty until Zoom has transcribed the recording.
    transcript_url: recording.transcript
      ? `${apiBaseUrl}/contact_center/recording/transcripts/${recording.id}`
      : '',
    playback_url: `${apiBaseUrl}/contact_center/recording/playback/${recording.id}`,
    recording_start_time: zoomTime(recording.startTime),
    recording_end_time: zoomTime(recording.endTime),
    user_id: agent?.id ?? '',
    display_name: agent ? displayName(agent) : '',
    user_email: agent?.email ?? '',
    recording_type: 'automatic',
    channel_type: channel,
    channel,
    direction: engagement?.direction ?? 'inbound',
    owner_id: agent?.id ?? '',
    owner_name: agent ? displayName(agent) : '',
    owner_type: 'user',
    flow_id: engagement?.flow.id ?? '',
    flow_name: engagement?.flow.name ?? '',
    consumers: engagement
      ? [{ consumer_name: engagement.consumer.name, consumer_number: engagement.consumer.number }]
      : [],
  };
}
