import { actionItemsOf, type ActionModel } from '../offline/learned-action-items';
import {
  OUTCOME_FEATURES_PER_LABEL,
  OUTCOME_LABELS,
  outcomeFeatures,
  outcomeProbabilities,
  type OutcomeModel,
} from '../offline/learned-outcome';
import { likeliest } from '../offline/linear-model';
import { detectOutcome } from '../offline/outcome';
import { endOfCallSentiment } from '../offline/sentiment';
import { findCommitments } from '../offline/commitments';
import { fitSoftmax, roundedWeights } from './adam';
import { ACTION_TRAINING, trainActionWeights, type ActionCall } from './train-action-items';

/**
 * Fits the offline summarizer's learned outcome (offline/learned-outcome.ts): multinomial logistic
 * regression over the calls' features, which include the action items the detector finds in them.
 */

export const OUTCOME_TRAINING = { l2: 0.03, iterations: 300, rate: 0.05 } as const;

export interface OutcomeExample {
  set: string;
  name: string;
  features: Map<number, number>;
  gold: number;
  rulesStatus: string;
}

/** Reads the calls with a given item detector (the committed one, or one trained without a set). */
export function outcomeExamples(
  calls: readonly ActionCall[],
  detector: Pick<ActionModel, 'weights' | 'threshold'>,
): OutcomeExample[] {
  return calls.map((call) => {
    const items = actionItemsOf(call.analysis, call.candidates, detector);
    const mood = endOfCallSentiment(call.analysis);
    return {
      set: call.set,
      name: call.name,
      features: outcomeFeatures(call.analysis, items, mood),
      gold: OUTCOME_LABELS.indexOf(call.label.outcome),
      rulesStatus: detectOutcome(call.analysis, findCommitments(call.analysis), mood).status,
    };
  });
}

export function trainOutcomeWeights(examples: readonly OutcomeExample[]): number[] {
  return roundedWeights(
    fitSoftmax(examples, OUTCOME_LABELS.length, OUTCOME_FEATURES_PER_LABEL, OUTCOME_TRAINING),
  );
}

export function trainOutcomeModel(examples: readonly OutcomeExample[]): OutcomeModel {
  return {
    trainedOn: [...new Set(examples.map((example) => example.set))],
    calls: examples.length,
    l2: OUTCOME_TRAINING.l2,
    iterations: OUTCOME_TRAINING.iterations,
    labels: [...OUTCOME_LABELS],
    featuresPerLabel: OUTCOME_FEATURES_PER_LABEL,
    weights: trainOutcomeWeights(examples),
  };
}

export interface OutcomeSetScore {
  set: string;
  calls: number;
  rulesCorrect: number;
  learnedCorrect: number;
}

/**
 * Each set's outcomes from models that never saw it: the item detector and the outcome model are both
 * trained on the other sets.
 */
export function leaveOneSetOutOutcome(calls: readonly ActionCall[]): OutcomeSetScore[] {
  const sets = [...new Set(calls.map((call) => call.set))];
  return sets.map((set) => {
    const detector = {
      weights: trainActionWeights(calls.filter((call) => call.set !== set)),
      threshold: ACTION_TRAINING.threshold,
    };
    const examples = outcomeExamples(calls, detector);
    const weights = trainOutcomeWeights(examples.filter((example) => example.set !== set));
    const heldOut = examples.filter((example) => example.set === set);
    return {
      set,
      calls: heldOut.length,
      rulesCorrect: heldOut.filter((example) => example.rulesStatus === OUTCOME_LABELS[example.gold]).length,
      learnedCorrect: heldOut.filter(
        (example) => likeliest(outcomeProbabilities(weights, example.features)) === example.gold,
      ).length,
    };
  });
}
