import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseTranscript, TranscriptParseError } from '../server/summaries/engine';

const fixture = (path: string) =>
  readFileSync(new URL(`./fixtures/transcripts/${path}`, import.meta.url), 'utf8');

const vtt = `WEBVTT

NOTE recorded by Zoom Contact Center

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

describe('WebVTT as Zoom serves it', () => {
  it('reads cue timings and "Name: text", merging one speaker\'s consecutive cues', () => {
    const parsed = parseTranscript(vtt);
    expect(parsed.format).toBe('webvtt');
    expect(parsed.turns).toEqual([
      {
        speaker: 'Priya Shah',
        role: 'agent',
        text: 'Thank you for calling Acme, this is Priya. How can I help?',
        startSeconds: 1,
      },
      {
        speaker: 'Dana Wright',
        role: 'customer',
        text: 'Hi, I was charged twice this month. For the same invoice.',
        startSeconds: 5,
      },
    ]);
  });

  it('honours voice tags, CRLF line ends, mm:ss timings and multi-line cues', () => {
    const parsed = parseTranscript(
      'WEBVTT\r\n\r\n00:01.000 --> 00:03.000\r\n<v Sam>Thanks for calling, how can I help?</v>\r\n\r\n00:04.000 --> 00:08.000\r\n<v Lee>My router keeps\r\ndropping the connection.</v>\r\n',
    );
    expect(parsed.turns.map((turn) => [turn.speaker, turn.role, turn.text, turn.startSeconds])).toEqual([
      ['Sam', 'agent', 'Thanks for calling, how can I help?', 1],
      ['Lee', 'customer', 'My router keeps dropping the connection.', 4],
    ]);
  });

  it('reads the fixtures the eval uses, an hour-long call included', () => {
    const long = parseTranscript(fixture('heldout/h18-long-phone-system-onboarding.vtt'));
    expect(long.turns.length).toBeGreaterThan(200);
    expect(long.turns.at(-1)!.startSeconds).toBeGreaterThan(3600);
  });
});

describe('"Speaker: text" lines', () => {
  it('reads plain lines and Zoom chat logs with timestamps; a line without a speaker continues the turn', () => {
    const plain = parseTranscript(
      '[00:00:01] Sam: Hello, Acme support, how can I help?\n[00:00:04] Lee: My app keeps crashing.\nIt happens on upload.',
    );
    expect(plain.format).toBe('plain');
    expect(plain.turns).toEqual([
      { speaker: 'Sam', role: 'agent', text: 'Hello, Acme support, how can I help?', startSeconds: 1 },
      {
        speaker: 'Lee',
        role: 'customer',
        text: 'My app keeps crashing. It happens on upload.',
        startSeconds: 4,
      },
    ]);
  });

  it('does not mistake times or links for speakers', () => {
    const parsed = parseTranscript(
      'Agent: We open at 10:30 tomorrow.\nCustomer: See https://example.com/help please.',
    );
    expect(parsed.turns.map((turn) => turn.text)).toEqual([
      'We open at 10:30 tomorrow.',
      'See https://example.com/help please.',
    ]);
  });
});

describe('JSON turns', () => {
  it('reads [{ speaker, role?, text, start? }] and keeps stated roles', () => {
    const json = parseTranscript(
      JSON.stringify([
        { speaker: 'A', role: 'customer', text: 'Hi' },
        { speaker: 'B', role: 'agent', text: 'Hello', start: '00:00:02' },
      ]),
    );
    expect(json.format).toBe('json');
    expect(json.turns).toEqual([
      { speaker: 'A', role: 'customer', text: 'Hi' },
      { speaker: 'B', role: 'agent', text: 'Hello', startSeconds: 2 },
    ]);
  });

  it('accepts the turns wrapped in an object and maps Zoom role words (user = agent, consumer = customer)', () => {
    const json = parseTranscript(
      JSON.stringify({
        turns: [
          { speaker: 'X', role: 'consumer', text: 'Hi' },
          { speaker: 'Y', role: 'user', text: 'Hello' },
        ],
      }),
    );
    expect(json.turns.map((turn) => turn.role)).toEqual(['customer', 'agent']);
  });
});

describe('who is the agent', () => {
  it('uses the engagement agent names when given, whoever speaks first, first name or full name', () => {
    const parsed = parseTranscript('Dana: Hi, I need help with my bill.\nPriya: Sure.', {
      agentNames: ['Priya Shah'],
    });
    expect(parsed.turns.map((turn) => turn.role)).toEqual(['customer', 'agent']);
  });

  it('infers the agent from the conversation when names are unknown', () => {
    const parsed = parseTranscript(
      'Dana: Hello?\nPriya: Thank you for calling Acme, how can I help you today?\nDana: My bill is wrong.',
    );
    expect(parsed.turns.map((turn) => turn.role)).toEqual(['customer', 'agent', 'customer']);
  });

  it("tells a business customer who introduces themself with their company from the supplier's agent", () => {
    const parsed = parseTranscript(
      [
        'Sofia Marchetti: Hi, this is Sofia from The Copper Hen. I have a problem with invoice INV-20817.',
        'Kit Lambert: Hi Sofia, Kit here in wholesale at Orchard Gate. Let me pull it up... ok, I have it.',
        'Sofia Marchetti: You charged me the keg deposit on all four kegs.',
      ].join('\n'),
    );
    expect(parsed.turns.map((turn) => turn.role)).toEqual(['customer', 'agent', 'customer']);
  });

  it("reads an answer with the company's name, and the company's recorded voice, as the company's side", () => {
    const parsed = parseTranscript(
      [
        'Brianna Cole: BrightPanel Solar Cleaning, this is Brianna.',
        "Howard Lindqvist: Yeah, hi, Howard Lindqvist. We're on your twice-a-year plan. We moved.",
        'Brianna Cole: Oh, congratulations. Do you want to move the plan to the new address?',
      ].join('\n'),
    );
    expect(parsed.turns.map((turn) => turn.role)).toEqual(['agent', 'customer', 'agent']);
    const speaking = parseTranscript(
      [
        'Annelie Brunner: Good morning, Tamarack Col Hut booking office, Annelie speaking.',
        "Fenna Okoro: Hi! Good morning. So we'd like to stay at the hut, but first, is it open in July?",
        'Annelie Brunner: Yes, the hut has a custodian from mid-June.',
      ].join('\n'),
    );
    expect(speaking.turns.map((turn) => turn.role)).toEqual(['agent', 'customer', 'agent']);
    const held = parseTranscript(
      [
        'Marco Diaz: Thanks for calling BlueWave, how can I help?',
        'Dana Reyes: My pool controller shows a pH error.',
        'Recording: Thank you for holding. Your call is important to BlueWave Pool Care.',
      ].join('\n'),
    );
    expect(held.turns.map((turn) => turn.role)).toEqual(['agent', 'customer', 'agent']);
  });

  it("reads an agent who looks things up and says what they can't do, against a customer who is merely upset", () => {
    const support = parseTranscript(
      [
        'Kyle Brennan: TableTurn support, this is Kyle. Can I get the phone number on your account?',
        "Marisol Duarte: Yeah, it's three one two, five five five, zero one eight eight. Listen, I've got a lunch rush.",
        "Kyle Brennan: I know. It's being worked on, but I can't give you an ETA.",
        'Marisol Duarte: So what am I supposed to do, turn people away?',
        "Kyle Brennan: I'm telling you I can't guarantee a new reader would help.",
      ].join('\n'),
    );
    expect(support.turns.map((turn) => turn.role)).toEqual([
      'agent',
      'customer',
      'agent',
      'customer',
      'agent',
    ]);
    const chat = parseTranscript(
      [
        '08:47:15 From  Wade Lindgren : I dropped off a shoulder mount last year. Nobody has called me once.',
        "08:47:50 From  Cody Strand : Hi Wade, this is Cody. I'm sorry about the wait. Let me look up your ticket.",
        '08:48:33 From  Wade Lindgren : yes. so where is it',
        "08:49:13 From  Cody Strand : It's in the finishing stage. I can't change the price myself, but I'll ask.",
      ].join('\n'),
    );
    expect(chat.turns.map((turn) => turn.role)).toEqual(['customer', 'agent', 'customer', 'agent']);
  });

  it('reads generic labels and an SMS sender shown as a phone number', () => {
    expect(parseTranscript('Caller: hi\nRep: hello').turns.map((turn) => turn.role)).toEqual([
      'customer',
      'agent',
    ]);
    const sms = parseTranscript(
      JSON.stringify([
        { speaker: '+15035550172', text: 'open sunday?' },
        { speaker: 'Jess', text: 'Yes, 10 to 5!' },
      ]),
    );
    expect(sms.turns.map((turn) => turn.role)).toEqual(['customer', 'agent']);
  });

  it("reads a business's name as the sender, and agents who look into it or found it", () => {
    const sms = parseTranscript(
      JSON.stringify([
        { speaker: 'Lou Abernathy', text: 'the greenhouse door you installed sticks again' },
        { speaker: 'Cedar & Pane', text: 'Sorry Lou! Which panel is it?' },
        { speaker: 'Lou Abernathy', text: 'the left one' },
      ]),
    );
    expect(sms.turns.map((turn) => turn.role)).toEqual(['customer', 'agent', 'customer']);
    expect(
      parseTranscript(
        JSON.stringify([
          { speaker: 'Walt', text: 'pump is leaking' },
          { speaker: 'Prairie Line Ag Parts', text: 'Which model?' },
        ]),
      ).turns.map((turn) => turn.role),
    ).toEqual(['customer', 'agent']);
    const chat = parseTranscript(
      [
        'Ken Abioye: Hi, the invoice says I owe the full amount. I paid a deposit in September',
        'Rosa Delgado: Hi Ken, sorry for the confusion! Let me look into it. What is the invoice number?',
        'Ken Abioye: ET-2291',
        'Rosa Delgado: Found it. It was posted to a different job by mistake.',
      ].join('\n'),
    );
    expect(chat.turns.map((turn) => turn.role)).toEqual(['customer', 'agent', 'customer', 'agent']);
  });

  it('leaves roles unknown rather than guess when nothing tells them apart', () => {
    expect(parseTranscript('Ann: hello\nBob: hello').turns.map((turn) => turn.role)).toEqual([
      'unknown',
      'unknown',
    ]);
  });

  it('assigns the right roles in every labelled fixture', () => {
    for (const file of [
      'dev/d03-cancellation-saved-discount.json',
      'dev/d08-general-return-policy.txt',
      'heldout/h02-tech-unsolved-printer.vtt',
      'heldout/h12-cancellation-moving-abroad.json',
    ]) {
      const turns = parseTranscript(fixture(file)).turns;
      expect(turns[0]!.role, file).not.toBe('unknown');
      expect(new Set(turns.map((turn) => turn.role)), file).toEqual(new Set(['agent', 'customer']));
    }
  });
});

describe('bad input', () => {
  it('rejects empty, oversized or malformed input with a typed error and a code', () => {
    const codeOf = (input: string) => {
      try {
        parseTranscript(input);
        return 'parsed';
      } catch (error) {
        return error instanceof TranscriptParseError ? error.code : 'other error';
      }
    };
    expect(codeOf('   \n ')).toBe('empty');
    expect(codeOf('x'.repeat(5_000_001))).toBe('too_large');
    expect(codeOf('[{"speaker": 1}]')).toBe('invalid_json_turns');
    expect(codeOf('WEBVTT\n\nNOTE nothing said\n')).toBe('no_turns');
  });

  it('treats text that only looks like JSON as plain lines', () => {
    expect(parseTranscript('[00:00:01] Sam: hi').format).toBe('plain');
    expect(parseTranscript('{not json at all').turns).toEqual([
      { speaker: 'Unknown speaker', role: 'unknown', text: '{not json at all' },
    ]);
  });
});
