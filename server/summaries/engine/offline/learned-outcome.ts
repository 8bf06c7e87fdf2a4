import { z } from 'zod';
import { outcomeStatusSchema, type OutcomeStatus } from '../../../contract/summary';
import type { Analysis } from './analysis';
import { leavesCallOpen } from './commitments';
import type { LearnedItem } from './learned-action-items';
import { hashOf, likeliest, softmax } from './linear-model';
import type { OutcomeResult } from './outcome';
import type { SentimentResult } from './sentiment';
import trainedModel from './learned-outcome.weights.json';

/**
 * How the call ended, learned. The outcome rules (outcome.ts) read the promise rules' items, and on calls
 * nobody had tuned them on they were right on 60–80%. This model reads the learned action items (any
 * left open after the call, who owns them, a deadline), the customer's closing mood, a few counts of
 * the close (the agent's regret, the customer still stuck, thanks, shopping elsewhere) and the words of
 * the last 40% of the call. `npm run train` fits it to the labelled calls
 * (evaluation/train-outcome.ts); deterministic, a fraction of a millisecond a call.
 */

export const OUTCOME_LABELS = [
  'resolved',
  'unresolved',
  'follow_up',
] as const satisfies readonly OutcomeStatus[];
const DENSE_FEATURES = 17;
const WORD_BUCKETS = 512;
export const OUTCOME_FEATURES_PER_LABEL = DENSE_FEATURES + WORD_BUCKETS;
/** The close of the call: what comes after this share of its sentences. */
const CLOSE_STARTS_AT = 0.6;

const FOLLOW_UP_DEED =
  /\b(?:call|get back|visit|review|escalat|quote|estimate|technician|follow up|investigat|look into|reach out|contact|come out|inspect|schedul|book)/;
const STILL_STUCK = /\b(?:still|again|doesn't work|not working|didn't work|same)\b/;
const REGRET = /\b(?:sorry|unfortunately|afraid|can't|cannot|unable|not able)\b/;
const ACTED = /\b(?:i've|i have|we've|we have) (?:also |just |already )?[a-z]+ed\b/;
const THANKS = /\b(?:thanks|thank you)\b/;
const LOOKS_ELSEWHERE =
  /\b(?:elsewhere|keep looking|think about it|think it over|shop around|not interested|pass)\b/;
const WILL = /\b(?:will|'ll)\b/;
const LATER =
  /\b(?:within|business days|tomorrow|next week|monday|tuesday|wednesday|thursday|friday|hours)\b/;

const wordsOf = (text: string) =>
  text
    .replace(/[^a-z0-9' ]+/g, ' ')
    .split(/\s+/)
    .filter(Boolean);

const isOpen = (analysis: Analysis, item: LearnedItem) =>
  item.owner !== null &&
  leavesCallOpen(analysis, { text: item.text.toLowerCase(), owner: item.owner, turn: item.turn });

/** The call's features, by index below OUTCOME_FEATURES_PER_LABEL (0 is the bias). */
export function outcomeFeatures(
  analysis: Analysis,
  items: readonly LearnedItem[],
  mood: SentimentResult,
): Map<number, number> {
  const features = new Map<number, number>();
  const set = (index: number, value: number | boolean) => {
    if (Number(value) !== 0) features.set(index, Number(value));
  };
  const open = items.filter((item) => isOpen(analysis, item));
  const close = analysis.sentences.slice(Math.floor(analysis.sentences.length * CLOSE_STARTS_AT));
  const customer = close
    .filter((sentence) => sentence.role === 'customer')
    .map((sentence) => sentence.lower)
    .join(' ');
  const agent = close
    .filter((sentence) => sentence.role === 'agent')
    .map((sentence) => sentence.lower)
    .join(' ');
  const agentAllCall = analysis.sentences
    .filter((sentence) => sentence.role === 'agent')
    .map((sentence) => sentence.lower)
    .join(' ');

  set(0, 1);
  set(1, Math.log1p(items.length));
  set(2, open.length > 0);
  set(3, Math.log1p(open.length));
  set(
    4,
    items.some((item) => item.owner === 'agent' && item.due !== null),
  );
  set(
    5,
    items.some((item) => FOLLOW_UP_DEED.test(item.text.toLowerCase())),
  );
  set(
    6,
    items.some((item) => item.owner === 'customer'),
  );
  set(7, mood.score);
  set(8, mood.label === 'negative');
  set(9, mood.label === 'positive');
  set(10, STILL_STUCK.test(customer));
  set(11, REGRET.test(agent));
  set(12, ACTED.test(agentAllCall));
  set(13, THANKS.test(customer));
  set(14, LOOKS_ELSEWHERE.test(customer));
  set(15, WILL.test(agent));
  set(16, LATER.test(agent));

  for (const [side, text] of [
    ['a', agent],
    ['c', customer],
  ] as const) {
    const words = wordsOf(text);
    const grams = new Set([...words, ...words.slice(1).map((word, i) => `${words[i]} ${word}`)]);
    // A long close should not outvote a short one just by having more words.
    const weight = 1 / Math.sqrt(Math.max(4, grams.size) / 4);
    for (const gram of grams)
      features.set(DENSE_FEATURES + (hashOf(`${side}:${gram}`) % WORD_BUCKETS), weight);
  }
  return features;
}

export const outcomeProbabilities = (weights: ArrayLike<number>, features: ReadonlyMap<number, number>) =>
  softmax(weights, features, OUTCOME_LABELS.length, OUTCOME_FEATURES_PER_LABEL);

export const outcomeModelSchema = z.object({
  trainedOn: z.array(z.string()),
  calls: z.number().int().positive(),
  l2: z.number(),
  iterations: z.number().int().positive(),
  labels: z.tuple([outcomeStatusSchema, outcomeStatusSchema, outcomeStatusSchema]),
  featuresPerLabel: z.literal(OUTCOME_FEATURES_PER_LABEL),
  weights: z.array(z.number()).length(OUTCOME_LABELS.length * OUTCOME_FEATURES_PER_LABEL),
});
export type OutcomeModel = z.infer<typeof outcomeModelSchema>;

// Checked on first use, not at import: the trainer imports this module to write a new file.
let model: OutcomeModel | undefined;
const trainedWeights = () => (model ??= outcomeModelSchema.parse(trainedModel)).weights;

/**
 * The learned status. The rules' evidence when they agree (the sentence that decided it); otherwise the
 * open item for a follow-up, and the customer's last words in the close for an unresolved call.
 */
export function learnedOutcome(
  analysis: Analysis,
  items: readonly LearnedItem[],
  mood: SentimentResult,
  rules: OutcomeResult,
  weights: ArrayLike<number> = trainedWeights(),
): OutcomeResult {
  const status =
    OUTCOME_LABELS[likeliest(outcomeProbabilities(weights, outcomeFeatures(analysis, items, mood)))] ??
    rules.status;
  if (status === rules.status) return rules;
  if (status === 'follow_up') {
    const item = items.find((candidate) => isOpen(analysis, candidate)) ?? items[0];
    return item ? { status, evidence: item.text } : { status };
  }
  if (status === 'unresolved') {
    const close = analysis.sentences.slice(Math.floor(analysis.sentences.length * CLOSE_STARTS_AT));
    const lastWords = close.filter((sentence) => sentence.role === 'customer').at(-1);
    return lastWords ? { status, evidence: lastWords.text } : { status };
  }
  return { status };
}
