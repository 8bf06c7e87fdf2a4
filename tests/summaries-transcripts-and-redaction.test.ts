import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseTranscript, redactPii, TranscriptParseError } from '../server/summaries/engine';

const vtt = `WEBVTT

1
00:00:01.000 --> 00:00:04.500
Priya Shah: Thank you for calling Acme, this is Priya. How can I help?

2
00:00:05.000 --> 00:00:09.000
Dana Wright: Hi, I was charged twice this month.

3
00:00:09.100 --> 00:00:11.000
Dana Wright: For the same invoice.
`;

describe('transcript parsing', () => {
  it('reads WebVTT as Zoom serves it: cue timings, "Name: text", consecutive cues merged', () => {
    const parsed = parseTranscript(vtt);
    expect(parsed.format).toBe('vtt');
    expect(parsed.turns).toEqual([
      { speaker: 'Priya Shah', role: 'agent', text: 'Thank you for calling Acme, this is Priya. How can I help?', startSeconds: 1 },
      { speaker: 'Dana Wright', role: 'customer', text: 'Hi, I was charged twice this month. For the same invoice.', startSeconds: 5 },
    ]);
  });

  it('reads "Speaker: text" lines and Zoom chat logs with timestamps', () => {
    const plain = parseTranscript('[00:00:01] Sam: Hello, Acme support, how can I help?\n[00:00:04] Lee: My app keeps crashing.\nIt happens on upload.');
    expect(plain.format).toBe('plain');
    expect(plain.turns.map((t) => [t.speaker, t.role])).toEqual([['Sam', 'agent'], ['Lee', 'customer']]);
    expect(plain.turns[1]!.text).toBe('My app keeps crashing. It happens on upload.');
  });

  it('reads JSON turns and respects given roles', () => {
    const json = parseTranscript(JSON.stringify([{ speaker: 'A', role: 'customer', text: 'Hi' }, { speaker: 'B', role: 'agent', text: 'Hello', start: 2 }]));
    expect(json.turns.map((t) => t.role)).toEqual(['customer', 'agent']);
  });

  it('uses the engagement agent names when given, whoever speaks first', () => {
    const parsed = parseTranscript('Dana: Hi, I need help with my bill.\nPriya: Sure, I can help with that.', { agentNames: ['Priya Shah'] });
    expect(parsed.turns.map((t) => t.role)).toEqual(['customer', 'agent']);
  });

  it('infers the agent from the conversation when names are unknown', () => {
    const parsed = parseTranscript('Dana: Hello?\nPriya: Thank you for calling Acme, how can I help you today?\nDana: My bill is wrong.');
    expect(parsed.turns.map((t) => t.role)).toEqual(['customer', 'agent', 'customer']);
  });

  it('rejects empty or broken input with a typed error', () => {
    expect(() => parseTranscript('   ')).toThrow(TranscriptParseError);
    expect(() => parseTranscript('[{"speaker": 1}]')).toThrow(TranscriptParseError);
    expect(() => parseTranscript('{not json')).toThrow(TranscriptParseError);
  });

  it('never throws anything but TranscriptParseError, and finishes fast, on arbitrary input', () => {
    const pieces = fc.oneof(
      fc.string({ maxLength: 200 }),
      fc.constantFrom('WEBVTT\n\n', '00:00:01.000 --> 00:00:02.000\n', 'Agent: ', '\n\n', ': ', '[00:01] ', '{"turns":', '[', ']', '-->', '<v Bob>'),
    );
    fc.assert(
      fc.property(fc.array(pieces, { maxLength: 60 }), (parts) => {
        const input = parts.join('');
        const started = performance.now();
        try {
          parseTranscript(input);
        } catch (error) {
          if (!(error instanceof TranscriptParseError)) throw error;
        }
        return performance.now() - started < 200;
      }),
      { numRuns: 2000 },
    );
  });
});

describe('PII redaction', () => {
  it('replaces cards (Luhn-checked), SSNs, bank numbers, emails and phones, keeping emails and phones aside', () => {
    const { text, emails, phones } = redactPii(
      'Card 4111-1111-1111-1111, not 1234 5678 9012 3456. SSN 123-45-6789. Routing number 021000021, account number 000123456789. ' +
        'Email Dana.Wright@Example.com, or john dot smith at example dot co dot uk. Call (415) 555-0134 or +44 20 7946 0958.',
    );
    expect(text).toContain('Card [CARD]');
    expect(text).toContain('1234 5678 9012 3456'); // fails Luhn: not a card
    expect(text).toContain('SSN [SSN]');
    expect(text).toMatch(/Routing number \[BANK_ACCOUNT\], account number \[BANK_ACCOUNT\]/);
    expect(text).toContain('Email [EMAIL_1], or [EMAIL_2]');
    expect(text).toContain('Call [PHONE_1] or [PHONE_2]');
    expect(emails).toEqual(['dana.wright@example.com', 'john.smith@example.co.uk']);
    expect(phones).toEqual(['+14155550134', '+442079460958']);
    for (const secret of ['4111', '123-45-6789', '021000021', 'example.com', '555-0134']) expect(text).not.toContain(secret);
  });

  it('leaves ordinary numbers alone', () => {
    const input = 'We paid $49 on March 3 for 40 seats, order 77812, ticket 55201.';
    expect(redactPii(input).text).toBe(input);
  });
});
