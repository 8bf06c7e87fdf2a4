import { z } from 'zod';
import { parseClock } from './speaker-line';
import { TranscriptParseError } from './errors';
import type { RawTurn } from './webvtt';

/** JSON turns: [{ speaker, role?, text, start? }], bare or under "turns"/"transcript"/"messages". */

const turnSchema = z.object({
  speaker: z.string().trim().min(1).max(200),
  role: z.string().max(50).optional(),
  text: z.string(),
  start: z.union([z.number().finite().nonnegative(), z.string().max(20)]).optional(),
});
const turnsSchema = z.array(turnSchema);
const wrappedSchema = z.union([
  turnsSchema,
  z.object({ turns: turnsSchema }).transform((value) => value.turns),
  z.object({ transcript: turnsSchema }).transform((value) => value.transcript),
  z.object({ messages: turnsSchema }).transform((value) => value.messages),
]);

/** Returns null when the text is not JSON at all, so the caller can try the plain format. */
export function parseJsonTurns(raw: string): RawTurn[] | null {
  let value: unknown;
  try {
    value = JSON.parse(raw);
  } catch {
    return null;
  }
  const parsed = wrappedSchema.safeParse(value);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const where = issue?.path.length ? ` at ${issue.path.join('.')}` : '';
    throw new TranscriptParseError(
      'invalid_json_turns',
      `JSON transcript is not a list of { speaker, text } turns${where}.`,
    );
  }
  return parsed.data.map((turn) => {
    const startSeconds = typeof turn.start === 'string' ? parseClock(turn.start) : turn.start;
    return {
      speaker: turn.speaker,
      text: turn.text.trim(),
      ...(turn.role ? { role: turn.role } : {}),
      ...(startSeconds === undefined ? {} : { startSeconds }),
    };
  });
}
