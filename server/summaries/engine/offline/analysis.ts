import type { SpeakerRole, TranscriptTurn } from '../types';
import { its as winkIts, readDoc } from './nlp';

/** The transcript cut into sentences once, with what every rule below needs to look at. */

export interface Sentence {
  turn: number;
  /** Index of the sentence within its turn. */
  index: number;
  role: SpeakerRole;
  text: string;
  /** Lower case, curly apostrophes straightened. */
  lower: string;
  stems: string[];
  /** Stems under a negation ("doesn't WORK", "never GOT the refund"). */
  negatedStems: string[];
  sentiment: number;
  /** Dates, times and durations wink found ("Friday", "24 hours", "next week"). */
  when: string[];
  isQuestion: boolean;
}

export interface Analysis {
  turns: TranscriptTurn[];
  sentences: Sentence[];
  /** Sentences grouped per turn, in order. */
  byTurn: Sentence[][];
}

const WHEN_TYPES = new Set(['DATE', 'TIME', 'DURATION']);

/** With no speaker known as customer, whoever is not the agent is taken to be the customer. */
export function effectiveRoles(turns: readonly TranscriptTurn[]): SpeakerRole[] {
  const hasCustomer = turns.some((turn) => turn.role === 'customer');
  const hasAgent = turns.some((turn) => turn.role === 'agent');
  return turns.map(({ role }) =>
    role !== 'unknown' ? role : !hasCustomer ? 'customer' : hasAgent ? 'customer' : 'unknown',
  );
}

export function analyze(turns: readonly TranscriptTurn[]): Analysis {
  const its = winkIts();
  const roles = effectiveRoles(turns);

  const sentences: Sentence[] = [];
  const byTurn: Sentence[][] = [];
  turns.forEach((turn, turnIndex) => {
    // Whole-document arrays, not per-token calls: an hour-long call stays well under 200 ms.
    const doc = readDoc(turn.text);
    const texts = doc.sentences().out();
    const sentiments = doc.sentences().out(its.sentiment) as number[];
    const spans = doc.sentences().out(its.span) as unknown as Array<[number, number]>;
    const types = doc.tokens().out(its.type);
    const stops = doc.tokens().out(its.stopWordFlag) as boolean[];
    const stems = doc.tokens().out(its.stem);
    const negated = doc.tokens().out(its.negationFlag) as boolean[];
    const entityDetails = doc.entities().out(its.detail) as Array<{ value: string; type: string }>;
    const entitySpans = doc.entities().out(its.span) as unknown as Array<[number, number]>;
    const own: Sentence[] = [];
    texts.forEach((raw, index) => {
      const text = raw.trim();
      const [from, to] = spans[index] ?? [0, -1];
      if (!text) return;
      const sentenceStems: string[] = [];
      const negatedStems: string[] = [];
      for (let token = from; token <= to; token += 1) {
        const type = types[token];
        if ((type !== 'word' && type !== 'number') || stops[token]) continue;
        sentenceStems.push(stems[token] ?? '');
        if (negated[token]) negatedStems.push(stems[token] ?? '');
      }
      const when = entityDetails
        .filter(
          (detail, entity) =>
            WHEN_TYPES.has(detail.type) &&
            (entitySpans[entity]?.[0] ?? -1) >= from &&
            (entitySpans[entity]?.[1] ?? -1) <= to,
        )
        .map((detail) => detail.value);
      own.push({
        turn: turnIndex,
        index,
        role: roles[turnIndex] ?? turn.role,
        text,
        lower: text.toLowerCase().replace(/[’‘]/g, "'"),
        stems: sentenceStems,
        negatedStems,
        sentiment: Number(sentiments[index]) || 0,
        when,
        isQuestion: text.endsWith('?'),
      });
    });
    byTurn.push(own);
    sentences.push(...own);
  });
  return { turns: [...turns], sentences, byTurn };
}

export function includesAny(text: string, phrases: readonly string[]): boolean {
  return phrases.some((phrase) => text.includes(phrase));
}
