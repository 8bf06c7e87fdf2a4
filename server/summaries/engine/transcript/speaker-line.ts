/**
 * Splits "Name: text" into speaker and text. Written as a character scan rather than a regex so
 * that no input can make it backtrack; the limits decide what still looks like a name.
 */

const MAX_SPEAKER_LENGTH = 60;
const MAX_SPEAKER_WORDS = 6;

export interface SpeakerLine {
  speaker: string;
  text: string;
}

export function splitSpeakerLine(line: string): SpeakerLine | null {
  const colon = line.indexOf(':');
  if (colon <= 0 || colon > MAX_SPEAKER_LENGTH + 1) return null;
  let speaker = line.slice(0, colon).trim();
  // Zoom meeting chat: "From Jane Doe to Everyone: hi"
  if (speaker.startsWith('From ')) {
    const to = speaker.lastIndexOf(' to ');
    speaker = (to > 5 ? speaker.slice(5, to) : speaker.slice(5)).trim();
  }
  if (!looksLikeSpeaker(speaker)) return null;
  const rest = line.slice(colon + 1);
  // "10:30" and "https://..." are not speakers.
  if (rest.startsWith('//') || /^\d/.test(rest)) return null;
  return { speaker, text: rest.trim() };
}

function looksLikeSpeaker(speaker: string): boolean {
  if (!speaker || speaker.length > MAX_SPEAKER_LENGTH) return false;
  if (speaker.split(/\s+/).length > MAX_SPEAKER_WORDS) return false;
  // Sentences end in punctuation; names (even "Olivia (Acme Support)" or "+15035550172") do not.
  const last = speaker.at(-1) ?? '';
  if ('.!?,;"'.includes(last)) return false;
  return /[\p{L}\d]/u.test(speaker);
}

/** "[00:01:02]", "(01:02)", "00:01:02" or "1:02 PM" at the start of a chat line; returns seconds and the rest. */
export function stripLeadingTimestamp(line: string): { seconds?: number; rest: string } {
  let index = 0;
  const open = line[0] === '[' || line[0] === '(' ? line[0] : '';
  if (open) index = 1;
  const start = index;
  while (index < line.length && index - start < 12 && /[\d:.]/.test(line[index] ?? '')) index += 1;
  const stamp = line.slice(start, index);
  if (!stamp.includes(':')) return { rest: line };
  const seconds = parseClock(stamp);
  if (seconds === undefined) return { rest: line };
  let rest = line.slice(index);
  const meridiem = rest.match(/^\s?[AaPp][Mm]\b/);
  if (meridiem) rest = rest.slice(meridiem[0].length);
  if (open) {
    const close = open === '[' ? ']' : ')';
    if (!rest.startsWith(close)) return { rest: line };
    rest = rest.slice(1);
  }
  return { seconds, rest: rest.trimStart() };
}

/** "01:02:03.500", "02:03" or "2:03,5" to seconds; undefined when it is not a clock. */
export function parseClock(stamp: string): number | undefined {
  const parts = stamp.replace(',', '.').split(':');
  if (parts.length < 2 || parts.length > 3) return undefined;
  let seconds = 0;
  for (const part of parts) {
    if (!/^\d{1,3}(\.\d{1,3})?$/.test(part)) return undefined;
    seconds = seconds * 60 + Number(part);
  }
  return Number.isFinite(seconds) ? seconds : undefined;
}
