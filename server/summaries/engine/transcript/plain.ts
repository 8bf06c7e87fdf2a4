import { splitSpeakerLine, stripLeadingTimestamp } from './speaker-line';
import type { RawTurn } from './webvtt';

/**
 * "Speaker: text" per line, optionally prefixed by a timestamp as Zoom's chat logs are
 * ("[00:01:02] Name: text"). A line without a speaker continues the previous turn.
 */
export function parsePlain(lines: readonly string[]): RawTurn[] {
  const turns: RawTurn[] = [];
  for (const rawLine of lines) {
    const line = rawLine.trim();
    if (!line) continue;
    const { seconds, rest } = stripLeadingTimestamp(line);
    const split = splitSpeakerLine(rest);
    const previous = turns.at(-1);
    if (split && split.text) {
      turns.push({
        speaker: split.speaker,
        text: split.text,
        ...(seconds === undefined ? {} : { startSeconds: seconds }),
      });
    } else if (previous) {
      previous.text = `${previous.text} ${rest}`.trim();
    } else if (rest) {
      turns.push({
        speaker: 'Unknown speaker',
        text: rest,
        ...(seconds === undefined ? {} : { startSeconds: seconds }),
      });
    }
  }
  return turns;
}
