import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { decryptAppContext } from '../server/zoom/app-context';
import { classifyEvent, parseZoomWebhook } from '../server/zoom/events';
import { CALL_SCENARIOS, generateCall, startFakeZoom, type FakeZoom } from './fakes/zoom';

describe('generated contact-center calls', () => {
  it('every scenario yields a complete WebVTT conversation between agent and customer', () => {
    for (const scenario of CALL_SCENARIOS) {
      const call = generateCall({ scenario, seed: 99 });
      expect(call.vtt.startsWith('WEBVTT\n\n')).toBe(true);
      expect(call.vtt).not.toMatch(/\{\w+\}/);
      const cues = call.vtt.trim().split('\n\n').slice(1);
      expect(cues.length).toBeGreaterThanOrEqual(10);
      for (const [index, cue] of cues.entries()) {
        const [number, timing, line] = cue.split('\n');
        expect(number).toBe(String(index + 1));
        expect(timing).toMatch(/^\d{2}:\d{2}:\d{2}\.\d{3} --> \d{2}:\d{2}:\d{2}\.\d{3}$/);
        expect(line?.startsWith(`${call.agentName}: `) || line?.startsWith(`${call.customer.name}: `)).toBe(
          true,
        );
      }
      expect(
        call.turns.some((t) => t.speaker === 'agent') && call.turns.some((t) => t.speaker === 'customer'),
      ).toBe(true);
    }
  });

  it('is deterministic per seed and varies across seeds', () => {
    expect(generateCall({ seed: 5 })).toEqual(generateCall({ seed: 5 }));
    const people = new Set(
      Array.from({ length: 10 }, (_, seed) => generateCall({ seed, scenario: 'billing' }).customer.name),
    );
    expect(people.size).toBeGreaterThan(3);
  });
});

describe('fake Zoom webhook deliveries', () => {
  let zoom: FakeZoom;
  beforeAll(async () => {
    zoom = await startFakeZoom();
  });
  afterAll(() => zoom.close());

  const classify = (delivery: unknown) => {
    const parsed = parseZoomWebhook(JSON.stringify(delivery));
    if (!parsed.ok) throw new Error('unparseable delivery');
    return classifyEvent(parsed.envelope);
  };

  it('follow a voice call through its lifecycle', () => {
    const call = zoom.addCall({ transcribed: false });
    expect(zoom.webhooksFor(call.engagement.id).map((d) => d.event)).toEqual([
      'contact_center.engagement_started',
      'contact_center.engagement_ended',
    ]);
    zoom.completeTranscript(call.engagement.id);
    const events = zoom.webhooksFor(call.engagement.id).map(classify);
    expect(events.map((e) => (e.kind === 'engagement' ? e.event : e.kind))).toEqual([
      'contact_center.engagement_started',
      'contact_center.engagement_ended',
      'contact_center.recording_transcript_completed',
    ]);
    expect(events[2]).toMatchObject({
      kind: 'engagement',
      accountId: zoom.defaultAccountId,
      engagementId: call.engagement.id,
      recordingId: call.recording!.id,
    });
  });

  it('announce a chat transcript with the messaging event, and uninstalls with app_deauthorized', () => {
    const chat = zoom.addCall({ channel: 'chat' });
    expect(
      zoom
        .webhooksFor(chat.engagement.id)
        .map((d) => d.event)
        .at(-1),
    ).toBe('contact_center.engagement_messaging_transcript_completed');
    expect(classify(zoom.deauthorizeWebhook())).toMatchObject({
      kind: 'deauthorized',
      accountId: zoom.defaultAccountId,
      userId: zoom.defaultUserId,
    });
  });

  it('an app context minted by the fake is one our decryptor accepts', () => {
    const agent = zoom.usersWithRole('Agent')[0]!;
    expect(
      decryptAppContext(zoom.appContext({ userId: agent.id }), {
        clientId: zoom.clientId,
        clientSecret: zoom.clientSecret,
      }),
    ).toMatchObject({
      ok: true,
      context: { uid: agent.id, aid: zoom.defaultAccountId, typ: 'panel' },
    });
  });
});
