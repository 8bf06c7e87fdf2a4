import type { ParsedTranscript, TranscriptFormat } from '../types';
import { TranscriptParseError } from './errors';
import { parseJsonTurns } from './json-turns';
import { parsePlain } from './plain';
import { assignRoles } from './roles';
import { parseWebVtt, type RawTurn } from './webvtt';

/** A few hours of talk is well under 1 MB; anything much larger is not a call transcript. */
export const MAX_TRANSCRIPT_CHARS = 5_000_000;

export interface ParseOptions {
  agentNames?: readonly string[];
}

/**
 * Any supported transcript to turns with speaker roles. Throws only TranscriptParseError; every
 * scan is linear in the input, so hostile text cannot make it hang.
 */
export function parseTranscript(raw: string, options: ParseOptions = {}): ParsedTranscript {
  if (typeof raw !== 'string') throw new TranscriptParseError('empty', 'The transcript is not text.');
  if (raw.length > MAX_TRANSCRIPT_CHARS)
    throw new TranscriptParseError(
      'too_large',
      `The transcript is larger than ${MAX_TRANSCRIPT_CHARS} characters.`,
    );
  const text = raw.replace(/^\uFEFF/, '').replaceAll(String.fromCharCode(0), '');
  const trimmed = text.trim();
  if (!trimmed) throw new TranscriptParseError('empty', 'The transcript is empty.');

  let format: TranscriptFormat;
  let turns: RawTurn[];
  const json = trimmed.startsWith('[') || trimmed.startsWith('{') ? parseJsonTurns(trimmed) : null;
  if (json) {
    format = 'json';
    turns = json;
  } else {
    const lines = trimmed.split(/\r\n|\r|\n/);
    if (/^WEBVTT(?:$|[ \t])/.test(lines[0] ?? '')) {
      format = 'webvtt';
      turns = parseWebVtt(lines);
    } else {
      format = 'plain';
      turns = parsePlain(lines);
    }
  }

  const spoken = turns.filter((turn) => turn.text.trim() !== '');
  if (spoken.length === 0) throw new TranscriptParseError('no_turns', 'The transcript has no spoken turns.');
  return { format, turns: assignRoles(mergeConsecutive(spoken), options.agentNames) };
}

/** Zoom cuts long utterances into several cues; one speaker's consecutive cues are one turn. */
function mergeConsecutive(turns: readonly RawTurn[]): RawTurn[] {
  const merged: RawTurn[] = [];
  for (const turn of turns) {
    const previous = merged.at(-1);
    if (previous && previous.speaker === turn.speaker && previous.role === turn.role)
      previous.text = `${previous.text} ${turn.text}`;
    else merged.push({ ...turn });
  }
  return merged;
}
