import { describe, expect, it } from 'vitest';
import {
  classifyEvent,
  deliveryKey,
  ENGAGEMENT_EVENTS,
  parseZoomWebhook,
  type ZoomWebhookEnvelope,
} from '../server/zoom/events';

function envelope(body: unknown): ZoomWebhookEnvelope {
  const parsed = parseZoomWebhook(JSON.stringify(body));
  if (!parsed.ok) throw new Error(`parse failed: ${parsed.reason}`);
  return parsed.envelope;
}

const ended = {
  event: 'contact_center.engagement_ended',
  event_ts: 1712345678901,
  payload: {
    account_id: 'acct-1',
    object: { engagement_id: 'eng-1', channel: 'voice', queue_id: 'q1', some_new_field: { nested: true } },
  },
};

describe('Zoom webhook events', () => {
  it('parses and classifies each engagement event, keeping unknown extra fields', () => {
    for (const event of ENGAGEMENT_EVENTS) {
      const parsed = envelope({ ...ended, event });
      expect(classifyEvent(parsed)).toMatchObject({
        kind: 'engagement',
        event,
        accountId: 'acct-1',
        engagementId: 'eng-1',
        occurredAt: new Date(1712345678901),
      });
    }
    expect(envelope(ended).payload).toHaveProperty('object.some_new_field.nested', true);
  });

  it('carries the recording id of a transcript event', () => {
    const parsed = envelope({
      ...ended,
      event: 'contact_center.recording_transcript_completed',
      payload: { account_id: 'a', object: { engagement_id: 'e', recording_id: 'rec-9' } },
    });
    expect(classifyEvent(parsed)).toMatchObject({ kind: 'engagement', recordingId: 'rec-9' });
  });

  it('an engagement event without an engagement id is an invalid payload', () => {
    const parsed = envelope({ ...ended, payload: { account_id: 'a', object: { channel: 'voice' } } });
    expect(classifyEvent(parsed)).toEqual({
      kind: 'unknown',
      event: 'contact_center.engagement_ended',
      reason: 'invalid_payload',
    });
  });

  it('classifies app_deauthorized in both the current and the legacy layout', () => {
    const current = envelope({
      event: 'app_deauthorized',
      payload: {
        account_id: 'acct-1',
        user_id: 'u-1',
        signature: 'sig',
        deauthorization_time: '2024-05-01T10:00:00Z',
        client_id: 'cid',
        event_ts: 1714557600000,
      },
    });
    expect(classifyEvent(current)).toEqual({
      kind: 'deauthorized',
      accountId: 'acct-1',
      userId: 'u-1',
      clientId: 'cid',
      deauthorizedAt: new Date('2024-05-01T10:00:00Z'),
      signature: 'sig',
    });
    const legacy = envelope({
      event: 'app_deauthorized',
      event_ts: '1714557600000',
      payload: { account_id: 'acct-1', user_data_retention: 'false' },
    });
    expect(classifyEvent(legacy)).toMatchObject({ kind: 'deauthorized', accountId: 'acct-1' });
  });

  it('other events are unknown, unsupported', () => {
    expect(
      classifyEvent(
        envelope({
          event: 'contact_center.task_created',
          event_ts: 1,
          payload: { account_id: 'a', object: { engagement_id: 'e' } },
        }),
      ),
    ).toEqual({
      kind: 'unknown',
      event: 'contact_center.task_created',
      reason: 'unsupported_event',
    });
  });

  it('rejects bodies that are not JSON or not an envelope', () => {
    expect(parseZoomWebhook('not json')).toEqual({ ok: false, reason: 'invalid_json' });
    expect(parseZoomWebhook('[]')).toEqual({ ok: false, reason: 'invalid_envelope' });
    expect(parseZoomWebhook('{"event":"x"}')).toEqual({ ok: false, reason: 'invalid_envelope' });
  });

  describe('deliveryKey', () => {
    it('is the same for a duplicate, whatever the key order or extra fields', () => {
      const reordered = {
        payload: {
          object: { queue_id: 'q1', engagement_id: 'eng-1', channel: 'voice' },
          account_id: 'acct-1',
        },
        event_ts: 1712345678901,
        event: ended.event,
      };
      expect(deliveryKey(envelope(reordered))).toBe(deliveryKey(envelope(ended)));
    });

    it('differs when the event, time, account, engagement or recording differs', () => {
      const base = deliveryKey(envelope(ended));
      const variants = [
        { ...ended, event: 'contact_center.engagement_started' },
        { ...ended, event_ts: ended.event_ts + 1 },
        { ...ended, payload: { ...ended.payload, account_id: 'acct-2' } },
        {
          ...ended,
          payload: { ...ended.payload, object: { ...ended.payload.object, engagement_id: 'eng-2' } },
        },
        {
          ...ended,
          payload: { ...ended.payload, object: { ...ended.payload.object, recording_id: 'rec-1' } },
        },
      ];
      const keys = variants.map((variant) => deliveryKey(envelope(variant)));
      expect(new Set([base, ...keys]).size).toBe(variants.length + 1);
    });

    it('does not confuse values that only concatenate alike', () => {
      const a = { ...ended, payload: { account_id: 'ab', object: { engagement_id: 'c' } } };
      const b = { ...ended, payload: { account_id: 'a', object: { engagement_id: 'bc' } } };
      expect(deliveryKey(envelope(a))).not.toBe(deliveryKey(envelope(b)));
    });
  });
});
