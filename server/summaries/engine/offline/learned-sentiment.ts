import { z } from 'zod';
import { sentimentLabelSchema, type SentimentLabel } from '../../../contract/summary';
import type { Analysis, Sentence } from './analysis';
import type { SentimentResult } from './sentiment';
import { hashOf, likeliest, softmax } from './linear-model';
import trainedModel from './learned-sentiment.weights.json';

/**
 * The customer's end-of-call mood, learned. Hand-written mood rules (sentiment.ts) fit the calls they
 * were written against: on sets nobody had tuned them on they scored 65–85%. This model reads none of
 * the rules' answers (a layer on top of them only learned to trust rules that had been tuned on its
 * own training calls): a multinomial logistic regression over wink-nlp's sentiment of the customer's
 * last turns, a few counts (thanks, warm thanks, complaints, negations, hedges, goodbyes) and the
 * words and word pairs of the last two customer turns. Trained on some sets and scored on the one left
 * out, it was right on 87% of 277 calls. `npm run train` fits it to the labelled calls
 * (evaluation/train-sentiment.ts); deterministic, 6 KB, well under a millisecond a call.
 */

export const SENTIMENT_LABELS = [
  'positive',
  'neutral',
  'negative',
] as const satisfies readonly SentimentLabel[];
const DENSE_FEATURES = 19;
const WORD_BUCKETS = 256;
/** Each label has its own weight for every feature. */
export const FEATURES_PER_LABEL = DENSE_FEATURES + WORD_BUCKETS;
/** How many of the customer's last turns the word features read. */
const WORD_TURNS = 2;

const THANKS = /\b(?:thanks|thank you|thank u|thx|appreciate)/g;
const WARM_THANKS =
  /\b(?:thanks|thank you)\b[^.]*?(?:\bso\b|\breally\b|\bvery\b|\bmuch\b|!)|\b(?:appreciate|lifesaver|relief)\b/g;
const COMPLAINT =
  /\b(?:frustrat\w*|annoy\w*|ridiculous|disappoint\w*|terrible|awful|unacceptable|waste\w*|upset|angry|complain\w*|worst|rude|useless|joke|horrible|fed up|still not|again)\b/g;
const NEGATION = /\b(?:not|never|no|nothing|nobody)\b|n't\b/g;
const HEDGE =
  /\b(?:i guess|hopefully|i hope|we'll see|we will see|i suppose|if you say so|whatever|fine\.|anyway)\b/g;
const PRAISE =
  /\b(?:great|perfect|awesome|wonderful|amazing|helpful|love|glad|excellent|fantastic|brilliant|happy|easy|smooth|relief)\b/g;
const GOODBYE = /\b(?:bye|goodbye|good night|have a good|take care)\b/g;

const count = (text: string, pattern: RegExp) => text.match(pattern)?.length ?? 0;
const mean = (values: readonly number[]) =>
  values.length ? values.reduce((a, b) => a + b, 0) / values.length : 0;
const wordsOf = (text: string) =>
  text
    .replace(/[^a-z0-9'!? ]+/g, ' ')
    .replace(/([!?])/g, ' $1 ')
    .split(/\s+/)
    .filter(Boolean);

const bucketOf = (text: string) => hashOf(text) % WORD_BUCKETS;

/** The call's features, by index below FEATURES_PER_LABEL (0 is the bias). */
export function sentimentFeatures(analysis: Analysis): Map<number, number> {
  const features = new Map<number, number>();
  const set = (index: number, value: number) => {
    if (value !== 0) features.set(index, value);
  };
  const turns: Sentence[][] = [];
  for (const sentence of analysis.sentences) {
    if (sentence.role !== 'customer') continue;
    if (turns.at(-1)?.[0]?.turn === sentence.turn) turns.at(-1)!.push(sentence);
    else turns.push([sentence]);
  }
  const lastTurns = (n: number) => turns.slice(-n).flat();
  const textOf = (n: number) =>
    lastTurns(n)
      .map((sentence) => sentence.lower)
      .join(' ');

  set(0, 1);
  for (const n of [1, 2, 3]) set(n, Math.max(-1, Math.min(1, mean(lastTurns(n).map((s) => s.sentiment)))));
  const closing = lastTurns(3).map((sentence) => sentence.sentiment);
  set(4, closing.length ? Math.min(...closing) : 0);
  set(5, closing.length ? Math.max(...closing) : 0);

  const [last, lastTwo, lastThree] = [textOf(1), textOf(2), textOf(3)];
  set(6, Math.min(2, count(last, THANKS)));
  set(7, Math.min(3, count(lastThree, THANKS)) / 2);
  set(8, Math.min(2, count(lastTwo, WARM_THANKS)));
  set(9, Math.min(3, count(lastThree, COMPLAINT)));
  set(10, Math.log1p(count(textOf(turns.length), COMPLAINT)));
  set(11, Math.min(3, count(lastTwo, NEGATION)) / 2);
  set(12, Math.min(2, count(lastThree, HEDGE)));
  set(13, Math.min(3, count(lastTwo, /!/g)) / 2);
  set(14, lastTwo.includes('?') ? 1 : 0);
  set(15, Math.log1p(wordsOf(last).length) / 3);
  set(16, count(last, GOODBYE) > 0 ? 1 : 0);
  set(17, Math.min(3, count(lastTwo, PRAISE)) / 2);
  set(18, /\bbut\b/.test(lastTwo) ? 1 : 0);

  const words = wordsOf(textOf(WORD_TURNS));
  const grams = new Set([...words, ...words.slice(1).map((word, i) => `${words[i]} ${word}`)]);
  // Long goodbyes should not outvote short ones just by having more words.
  const weight = 1 / Math.sqrt(Math.max(4, grams.size) / 4);
  for (const gram of grams) features.set(DENSE_FEATURES + bucketOf(gram), weight);
  return features;
}

/** Probabilities of positive, neutral and negative, in SENTIMENT_LABELS order. */
export const labelProbabilities = (weights: ArrayLike<number>, features: ReadonlyMap<number, number>) =>
  softmax(weights, features, SENTIMENT_LABELS.length, FEATURES_PER_LABEL);

export const sentimentModelSchema = z.object({
  rulesVersion: z.string(),
  trainedOn: z.array(z.string()),
  calls: z.number().int().positive(),
  l2: z.number(),
  iterations: z.number().int().positive(),
  labels: z.tuple([sentimentLabelSchema, sentimentLabelSchema, sentimentLabelSchema]),
  featuresPerLabel: z.literal(FEATURES_PER_LABEL),
  weights: z.array(z.number()).length(SENTIMENT_LABELS.length * FEATURES_PER_LABEL),
});
export type SentimentModel = z.infer<typeof sentimentModelSchema>;

// Checked on first use, not at import: the trainer imports this module to write a new file.
let model: SentimentModel | undefined;
const trainedWeights = () => (model ??= sentimentModelSchema.parse(trainedModel)).weights;

/**
 * The score band of each label, as the editor keeps it (client summary-labels.ts): positive above 0.15,
 * negative below -0.15, neutral in between.
 */
function scoreWithin(label: SentimentLabel, score: number): number {
  const rounded = Math.round(score * 100) / 100;
  if (label === 'positive') return Math.max(0.2, rounded);
  if (label === 'negative') return Math.min(-0.2, rounded);
  return Math.max(-0.15, Math.min(0.15, rounded));
}

/**
 * The learned label; the rules' score when they agree on it (it says how strongly), otherwise the
 * model's expected mood, kept within the label's band.
 */
export function learnedSentiment(
  analysis: Analysis,
  rules: SentimentResult,
  weights: ArrayLike<number> = trainedWeights(),
): SentimentResult {
  const probabilities = labelProbabilities(weights, sentimentFeatures(analysis));
  const label = SENTIMENT_LABELS[likeliest(probabilities)] ?? rules.label;
  if (label === rules.label) return rules;
  const expected = (probabilities[0] ?? 0) - (probabilities[2] ?? 0);
  return { label, score: scoreWithin(label, expected) };
}
