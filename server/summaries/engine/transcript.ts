import { z } from 'zod';

/** One speaker's turn; consecutive cues of the same speaker are merged. */
export interface Turn {
  speaker: string;
  role: 'agent' | 'customer' | 'unknown';
  text: string;
  startSeconds?: number;
}

export interface ParsedTranscript {
  format: 'vtt' | 'plain' | 'json';
  turns: Turn[];
}

export class TranscriptParseError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'TranscriptParseError';
  }
}

/** Longest transcript we accept (about 30 hours of speech): beyond it the input is not a call. */
export const MAX_TRANSCRIPT_CHARS = 2_000_000;

const jsonTurnsSchema = z.array(
  z.object({
    speaker: z.string().trim().min(1).max(200),
    role: z.enum(['agent', 'customer']).optional(),
    text: z.string(),
    start: z.number().nonnegative().optional(),
  }),
);

// All patterns are anchored and linear: no nested quantifiers, so no input can make them backtrack.
const TIMING = /^(\d{1,2}:)?\d{2}:\d{2}[.,]\d{3}\s+-->\s+(\d{1,2}:)?\d{2}:\d{2}[.,]\d{3}/;
const SPEAKER_LINE = /^([^:\n]{1,80}?):\s+(.*)$/;
const CHAT_TIME = /^\[\d{1,2}:\d{2}(?::\d{2})?\]\s*/;

function seconds(timing: string): number {
  const [clock = '0'] = timing.split(/\s+-->/);
  const parts = clock.replace(',', '.').split(':').map(Number);
  return parts.reduce((total, part) => total * 60 + part, 0);
}

function pushTurn(turns: Turn[], speaker: string, text: string, startSeconds?: number): void {
  const clean = text.replace(/\s+/g, ' ').trim();
  if (!clean) return;
  const last = turns.at(-1);
  if (last && last.speaker === speaker) {
    last.text = `${last.text} ${clean}`;
    return;
  }
  turns.push({ speaker: speaker.trim(), role: 'unknown', text: clean, ...(startSeconds !== undefined ? { startSeconds } : {}) });
}

function parseVtt(raw: string): Turn[] {
  const turns: Turn[] = [];
  const blocks = raw.replace(/\r\n?/g, '\n').split(/\n{2,}/);
  let lastSpeaker = 'Unknown';
  for (const block of blocks) {
    const lines = block.split('\n').map((line) => line.trim()).filter(Boolean);
    const timingIndex = lines.findIndex((line) => TIMING.test(line));
    if (timingIndex === -1) continue; // header, NOTE, STYLE
    const start = seconds(lines[timingIndex]!);
    for (const line of lines.slice(timingIndex + 1)) {
      const match = SPEAKER_LINE.exec(line.replace(/<[^>]{0,100}>/g, ''));
      if (match) {
        lastSpeaker = match[1]!;
        pushTurn(turns, lastSpeaker, match[2]!, start);
      } else pushTurn(turns, lastSpeaker, line, start);
    }
  }
  return turns;
}

function parsePlain(raw: string): Turn[] {
  const turns: Turn[] = [];
  for (const rawLine of raw.replace(/\r\n?/g, '\n').split('\n')) {
    const line = rawLine.replace(CHAT_TIME, '').trim();
    if (!line) continue;
    const match = SPEAKER_LINE.exec(line);
    if (match) pushTurn(turns, match[1]!, match[2]!);
    else if (turns.length > 0) turns.at(-1)!.text += ` ${line}`;
    else pushTurn(turns, 'Unknown', line);
  }
  return turns;
}

/** WebVTT as Zoom serves it, "Speaker: text" lines (or Zoom's chat log), or JSON turns. */
export function parseTranscript(raw: string, options: { agentNames?: string[] } = {}): ParsedTranscript {
  if (raw.length > MAX_TRANSCRIPT_CHARS) throw new TranscriptParseError('The transcript is too long to be a call.');
  const text = raw.replace(/^\uFEFF/, '').trim();
  if (!text) throw new TranscriptParseError('The transcript is empty.');
  let format: ParsedTranscript['format'];
  let turns: Turn[];
  const chatLog = CHAT_TIME.test(text);
  if (!chatLog && (text.startsWith('[') || text.startsWith('{'))) {
    let json: unknown;
    try {
      json = JSON.parse(text);
    } catch {
      throw new TranscriptParseError('The transcript looks like JSON but does not parse.');
    }
    const list = Array.isArray(json) ? json : (json as { turns?: unknown }).turns;
    const parsed = jsonTurnsSchema.safeParse(list);
    if (!parsed.success) throw new TranscriptParseError('JSON transcripts must be [{ speaker, role?, text, start? }].');
    format = 'json';
    turns = [];
    for (const turn of parsed.data) {
      pushTurn(turns, turn.speaker, turn.text, turn.start);
      if (turn.role && turns.at(-1)) turns.at(-1)!.role = turn.role;
    }
  } else if (/^WEBVTT/.test(text) || TIMING.test(text.split('\n').find((l) => l.includes('-->')) ?? '')) {
    format = 'vtt';
    turns = parseVtt(text);
  } else {
    format = 'plain';
    turns = parsePlain(text);
  }
  if (turns.length === 0) throw new TranscriptParseError('The transcript has no speech in it.');
  return { format, turns: assignRoles(turns, options.agentNames ?? []) };
}

const AGENT_OPENERS = [
  /thank(s| you) for (calling|contacting|reaching|holding)/i,
  /how (can|may|might) i (help|assist)/i,
  /(what|how) can i do for you/i,
  /you('ve| have) reached/i,
  /\b(speaking|my name is \w+)\b.{0,40}\b(how|what)\b/i,
  /\bthis is \w+ (from|with|at)\b/i,
  /\b(support|service|billing|sales),? \w+ speaking\b/i,
];

function normalizeName(name: string): string {
  return name.toLowerCase().replace(/[^a-z0-9 ]/g, '').trim();
}

/**
 * Who is the agent: the engagement's agent names when known; otherwise whoever opens like an agent
 * (greeting with the company, offering help); otherwise whoever speaks first on the line.
 */
function assignRoles(turns: Turn[], agentNames: string[]): Turn[] {
  const known = agentNames.map(normalizeName).filter(Boolean);
  const speakers = [...new Set(turns.map((t) => t.speaker))];
  const agents = new Set<string>();
  for (const speaker of speakers) {
    const name = normalizeName(speaker);
    if (/^(agent|representative|rep|support)\b/.test(name)) agents.add(speaker);
    if (known.some((k) => k === name || k.split(' ')[0] === name.split(' ')[0])) agents.add(speaker);
  }
  if (agents.size === 0) {
    const greeter = turns.slice(0, 6).find((turn) => AGENT_OPENERS.some((pattern) => pattern.test(turn.text)));
    agents.add(greeter?.speaker ?? turns[0]!.speaker);
  }
  const explicit = turns.some((t) => t.role !== 'unknown');
  return turns.map((turn) => ({
    ...turn,
    role: explicit && turn.role !== 'unknown' ? turn.role : agents.has(turn.speaker) ? 'agent' : 'customer',
  }));
}
