import { randomUUID } from 'node:crypto';
import { signZoomWebhook } from '../../../server/zoom/webhook-signature';
import type { EngagementEventName } from '../../../server/zoom/events';
import { isMessaging } from './serialize';
import type { FakeEngagement, FakeRecording } from './state';

/**
 * Zoom webhook deliveries for the fake's engagements, signed as Zoom signs them. Zoom does not publish
 * the full `object` of these Contact Center events; the fields here are the ones its task events and
 * changelog show (engagement_id, channel, queue, agent), which is all a receiver should rely on.
 */

export interface ZoomWebhookDelivery {
  event: string;
  event_ts: number;
  payload: Record<string, unknown>;
}

export function engagementWebhook(
  event: EngagementEventName,
  engagement: FakeEngagement,
  options: { recording?: FakeRecording; eventTs?: number } = {},
): ZoomWebhookDelivery {
  const channel = isMessaging(engagement) ? 'messaging' : engagement.channel;
  const object: Record<string, unknown> = {
    engagement_id: engagement.id,
    channel,
    channel_source: engagement.channel === 'sms' ? 'sms' : engagement.channel === 'chat' ? 'web_chat' : '',
    direction: engagement.direction,
    queue_id: engagement.queue.id,
    queue_name: engagement.queue.name,
    flow_id: engagement.flow.id,
    user_id: engagement.agentIds[0] ?? '',
    consumer_number: engagement.consumer.number,
    start_time: engagement.startTime.toISOString(),
  };
  if (engagement.endTime && event !== 'contact_center.engagement_started')
    object.end_time = engagement.endTime.toISOString();
  if (options.recording) object.recording_id = options.recording.id;
  return {
    event,
    event_ts: options.eventTs ?? Date.now(),
    payload: { account_id: engagement.accountId, object },
  };
}

export function deauthorizedWebhook(input: {
  accountId: string;
  userId: string;
  clientId: string;
  at?: Date;
}): ZoomWebhookDelivery {
  const at = input.at ?? new Date();
  return {
    event: 'app_deauthorized',
    event_ts: at.getTime(),
    payload: {
      account_id: input.accountId,
      user_id: input.userId,
      signature: randomUUID().replaceAll('-', ''),
      deauthorization_time: at.toISOString(),
      client_id: input.clientId,
    },
  };
}

export function urlValidationWebhook(plainToken = randomUUID().replaceAll('-', '')): ZoomWebhookDelivery {
  return { event: 'endpoint.url_validation', event_ts: Date.now(), payload: { plainToken } };
}

export interface SendOptions {
  secret: string;
  /** Unix seconds for x-zm-request-timestamp; defaults to now. */
  timestamp?: number;
  /** Send these exact bytes instead of JSON.stringify(delivery) (to test tampering). */
  rawBody?: string;
  /** Replace the computed signature. */
  signature?: string;
  headers?: Record<string, string>;
}

export interface SendResult {
  status: number;
  body: string;
  headers: Headers;
}

/** POST a signed delivery the way Zoom does (JSON body, signature headers, Zoom's user agent). */
export async function sendWebhook(
  targetUrl: string,
  delivery: ZoomWebhookDelivery,
  options: SendOptions,
): Promise<SendResult> {
  const body = options.rawBody ?? JSON.stringify(delivery);
  const timestamp = options.timestamp ?? Math.floor(Date.now() / 1000);
  const response = await fetch(targetUrl, {
    method: 'POST',
    headers: {
      'content-type': 'application/json; charset=utf-8',
      'user-agent': 'Zoom Marketplace/1.0a',
      'x-zm-request-timestamp': String(timestamp),
      'x-zm-signature': options.signature ?? signZoomWebhook(body, options.secret, timestamp),
      'x-zm-trackingid': `v=2.0&s=${randomUUID()}&c=fake`,
      ...options.headers,
    },
    body,
    redirect: 'manual',
    // Zoom gives up after 3 seconds.
    signal: AbortSignal.timeout(3000),
  });
  return { status: response.status, body: await response.text(), headers: response.headers };
}
