import { parseClock, splitSpeakerLine } from './speaker-line';

/**
 * WebVTT as Zoom serves it: a WEBVTT header, blank-line separated cues, an optional numeric cue id,
 * a timing line, then "Name: words". Voice tags (<v Name>) are honoured too; other markup is dropped.
 */

export interface RawTurn {
  speaker: string;
  role?: string;
  text: string;
  startSeconds?: number;
}

export function parseWebVtt(lines: readonly string[]): RawTurn[] {
  const turns: RawTurn[] = [];
  let index = 1; // line 0 is the WEBVTT header
  let lastSpeaker = '';
  while (index < lines.length) {
    const block: string[] = [];
    while (index < lines.length && (lines[index] ?? '').trim() === '') index += 1;
    while (index < lines.length && (lines[index] ?? '').trim() !== '')
      block.push((lines[index++] ?? '').trim());
    const timing = block.findIndex((line) => line.includes('-->'));
    if (timing === -1) continue; // header metadata, NOTE, STYLE, REGION
    const startSeconds = parseClock((block[timing] ?? '').split('-->')[0]?.trim() ?? '');
    const payload = block.slice(timing + 1);
    if (payload.length === 0) continue;
    const voice = voiceTag(payload[0] ?? '');
    const text = payload.map(stripTags).join(' ').trim();
    if (!text) continue;
    const split = voice ? null : splitSpeakerLine(text);
    const speaker = voice ?? split?.speaker ?? (lastSpeaker || 'Unknown speaker');
    lastSpeaker = speaker;
    turns.push({
      speaker,
      text: split ? split.text : text,
      ...(startSeconds === undefined ? {} : { startSeconds }),
    });
  }
  return turns;
}

function voiceTag(line: string): string | undefined {
  if (!line.startsWith('<v')) return undefined;
  const end = line.indexOf('>');
  if (end === -1) return undefined;
  const name = line
    .slice(2, end)
    .replace(/^\.[^\s]*/, '')
    .trim();
  return name || undefined;
}

function stripTags(line: string): string {
  return line
    .replace(/<[^<>]{0,200}>/g, '')
    .replace(/&amp;/g, '&')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>');
}
