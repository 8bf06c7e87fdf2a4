import type { TranscriptTurn } from '../types';

/** About four characters a token for English; rounded up so estimates err towards smaller chunks. */
export function estimateTokens(text: string): number {
  return Math.ceil(text.length / 3.6);
}

/** Splits rendered transcript lines into chunks under `maxTokens` each, on line (turn) boundaries. */
export function chunkLines(lines: readonly string[], maxTokens: number): string[][] {
  const chunks: string[][] = [];
  let current: string[] = [];
  let size = 0;
  for (const original of lines) {
    // A single turn longer than a chunk (a monologue) is cut at a space.
    const pieces = splitLongLine(original, maxTokens);
    for (const line of pieces) {
      const tokens = estimateTokens(line) + 1;
      if (size + tokens > maxTokens && current.length > 0) {
        chunks.push(current);
        current = [];
        size = 0;
      }
      current.push(line);
      size += tokens;
    }
  }
  if (current.length > 0) chunks.push(current);
  return chunks;
}

function splitLongLine(line: string, maxTokens: number): string[] {
  const maxChars = Math.max(200, Math.floor(maxTokens * 3.6) - 10);
  if (line.length <= maxChars) return [line];
  const pieces: string[] = [];
  let rest = line;
  while (rest.length > maxChars) {
    const space = rest.lastIndexOf(' ', maxChars);
    const at = space > maxChars / 2 ? space : maxChars;
    pieces.push(rest.slice(0, at));
    rest = rest.slice(at).trimStart();
  }
  if (rest) pieces.push(rest);
  return pieces;
}

/** "Agent (Priya): …" / "Customer: …"; customer names stay out when redacting (they are personal data). */
export function renderTurns(
  turns: readonly TranscriptTurn[],
  options: { withCustomerNames: boolean },
): string[] {
  const unknownSpeakers = new Map<string, number>();
  return turns.map((turn) => {
    if (turn.role === 'unknown' && !options.withCustomerNames) {
      const number = unknownSpeakers.get(turn.speaker) ?? unknownSpeakers.size + 1;
      unknownSpeakers.set(turn.speaker, number);
      return `Speaker ${number}: ${turn.text}`;
    }
    const label = turn.role === 'agent' ? 'Agent' : turn.role === 'customer' ? 'Customer' : 'Speaker';
    const showName = turn.role === 'agent' || options.withCustomerNames;
    const name =
      showName && turn.speaker && turn.speaker.toLowerCase() !== label.toLowerCase()
        ? ` (${turn.speaker})`
        : '';
    return `${label}${name}: ${turn.text}`;
  });
}
