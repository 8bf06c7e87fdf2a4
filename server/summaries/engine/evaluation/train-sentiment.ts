import { OFFLINE_RULES_VERSION } from '../offline/version';
import {
  FEATURES_PER_LABEL,
  labelProbabilities,
  SENTIMENT_LABELS,
  sentimentFeatures,
  type SentimentModel,
} from '../offline/learned-sentiment';
import { endOfCallSentiment } from '../offline/sentiment';
import { likeliest } from '../offline/linear-model';
import { fitSoftmax, roundedWeights } from './adam';
import type { LabelledCall } from './labelled-calls';

/**
 * Fits the offline summarizer's learned sentiment layer (offline/learned-sentiment.ts) to labelled
 * calls: multinomial logistic regression with an L2 penalty, fitted by full-batch Adam (adam.ts).
 */

export const TRAINING = { l2: 0.003, iterations: 300, rate: 0.05 } as const;

export interface SentimentExample {
  set: string;
  name: string;
  features: Map<number, number>;
  gold: number;
  rulesLabel: string;
}

/** What the layer reads of each call, and the rules' answer to compare with. */
export function sentimentExamples(calls: readonly LabelledCall[]): SentimentExample[] {
  return calls.map((call) => ({
    set: call.set,
    name: call.name,
    features: sentimentFeatures(call.analysis),
    gold: SENTIMENT_LABELS.indexOf(call.label.sentiment),
    rulesLabel: endOfCallSentiment(call.analysis).label,
  }));
}

export function trainWeights(
  examples: readonly SentimentExample[],
  options: { l2: number; iterations: number; rate: number } = TRAINING,
): number[] {
  return roundedWeights(fitSoftmax(examples, SENTIMENT_LABELS.length, FEATURES_PER_LABEL, options));
}

export function trainSentimentModel(examples: readonly SentimentExample[]): SentimentModel {
  return {
    rulesVersion: OFFLINE_RULES_VERSION,
    trainedOn: [...new Set(examples.map((example) => example.set))],
    calls: examples.length,
    l2: TRAINING.l2,
    iterations: TRAINING.iterations,
    labels: [...SENTIMENT_LABELS],
    featuresPerLabel: FEATURES_PER_LABEL,
    weights: trainWeights(examples),
  };
}

export interface HeldOutSet {
  set: string;
  calls: number;
  rulesCorrect: number;
  learnedCorrect: number;
}

/** Each set summarized by a layer trained on the other sets only: how it does on calls it never saw. */
export function leaveOneSetOut(examples: readonly SentimentExample[]): HeldOutSet[] {
  const sets = [...new Set(examples.map((example) => example.set))];
  return sets.map((set) => {
    const weights = trainWeights(examples.filter((example) => example.set !== set));
    const heldOut = examples.filter((example) => example.set === set);
    return {
      set,
      calls: heldOut.length,
      rulesCorrect: heldOut.filter((example) => example.rulesLabel === SENTIMENT_LABELS[example.gold]).length,
      learnedCorrect: heldOut.filter(
        (example) => likeliest(labelProbabilities(weights, example.features)) === example.gold,
      ).length,
    };
  });
}
