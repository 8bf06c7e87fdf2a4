import { OFFLINE_RULES_VERSION } from '../offline/version';
import {
  FEATURES_PER_LABEL,
  labelProbabilities,
  likeliest,
  SENTIMENT_LABELS,
  sentimentFeatures,
  type SentimentModel,
} from '../offline/learned-sentiment';
import { endOfCallSentiment } from '../offline/sentiment';
import { readCall } from '../offline/summarizer';
import { fitWithAdam, roundedWeights } from './adam';
import { categoriesOf, type Fixture } from './fixtures';

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

/** Runs the rules over each call, as the summarizer does (PII redacted), and keeps what the layer reads. */
export function sentimentExamples(fixtures: readonly Fixture[]): SentimentExample[] {
  return fixtures.map((fixture) => {
    const { analysis } = readCall({
      transcript: fixture.transcript,
      categories: categoriesOf(fixture),
      ...(fixture.label.agentNames ? { agentNames: fixture.label.agentNames } : {}),
      redactPii: true,
    });
    const rulesSentiment = endOfCallSentiment(analysis);
    return {
      set: fixture.set,
      name: fixture.name,
      features: sentimentFeatures(analysis),
      gold: SENTIMENT_LABELS.indexOf(fixture.label.sentiment),
      rulesLabel: rulesSentiment.label,
    };
  });
}

export function trainWeights(examples: readonly SentimentExample[], options: { l2: number; iterations: number; rate: number } = TRAINING): number[] {
  const n = Math.max(1, examples.length);
  const weights = fitWithAdam(
    SENTIMENT_LABELS.length * FEATURES_PER_LABEL,
    (current, gradient) => {
      for (const example of examples) {
        const probabilities = labelProbabilities(current, example.features);
        probabilities.forEach((probability, label) => {
          const error = (probability - (label === example.gold ? 1 : 0)) / n;
          for (const [index, value] of example.features) gradient[label * FEATURES_PER_LABEL + index]! += error * value;
        });
      }
    },
    options,
  );
  return roundedWeights(weights);
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
      learnedCorrect: heldOut.filter((example) => likeliest(labelProbabilities(weights, example.features)) === example.gold).length,
    };
  });
}
