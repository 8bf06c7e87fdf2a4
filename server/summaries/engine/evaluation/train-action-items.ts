import { findCommitments } from '../offline/commitments';
import {
  ACTION_FEATURES,
  actionCandidates,
  actionScore,
  actionItemsOf,
  dice,
  itemStems,
  type ActionCandidate,
  type ActionModel,
} from '../offline/learned-action-items';
import { fitWithAdam, roundedWeights } from './adam';
import type { LabelledCall } from './labelled-calls';
import { ACTION_MATCH_THRESHOLD, matchActionItems } from './score';

/**
 * Fits the offline summarizer's learned action-item detector (offline/learned-action-items.ts): binary
 * logistic regression over the clauses of labelled calls, a clause counting as an item when it words a
 * labelled item closely enough for the eval to match it. Positives are rare (about one clause in 30),
 * so each class carries half the weight.
 */

/**
 * Fixed before each measurement on calls nobody had studied: first l2 0.003 and threshold 0.8
 * (docs/experiments/learned-action-items/); then, with pronouns named and reasons cut from the item text,
 * l2 0.001 and the threshold where recall and precision meet when each set is scored by a detector trained
 * without it (60.0% / 60.3% over 357 calls), measured once on `heldout-nineteenth` and `heldout-twentieth`.
 */
export const ACTION_TRAINING = { l2: 0.001, iterations: 200, rate: 0.05, threshold: 0.86 } as const;

export interface ActionCall extends LabelledCall {
  candidates: Array<ActionCandidate & { isItem: boolean }>;
  /** The promise rules' items, to compare against. */
  rulesItems: string[];
}

/** Every clause of each call, marked when it words a labelled item closely enough for the eval to match. */
export function actionCalls(calls: readonly LabelledCall[]): ActionCall[] {
  return calls.map((call) => {
    const labelStems = call.label.actionItems.map(itemStems);
    return {
      ...call,
      candidates: actionCandidates(call.analysis).map((candidate) => ({
        ...candidate,
        isItem: labelStems.some((stems) => dice(candidate.stems, stems) >= ACTION_MATCH_THRESHOLD),
      })),
      rulesItems: findCommitments(call.analysis)
        .slice(0, 20)
        .map((item) => item.text),
    };
  });
}

export function trainActionWeights(
  calls: readonly ActionCall[],
  options: { l2: number; iterations: number; rate: number } = ACTION_TRAINING,
): number[] {
  const candidates = calls.flatMap((call) => call.candidates);
  const n = Math.max(1, candidates.length);
  const positives = candidates.filter((candidate) => candidate.isItem).length;
  const positiveWeight = positives ? n / (2 * positives) : 1;
  const negativeWeight = positives < n ? n / (2 * (n - positives)) : 1;
  const entries = candidates.map((candidate) => [...candidate.features.entries()]);
  const weights = fitWithAdam(
    ACTION_FEATURES,
    (current, gradient) => {
      candidates.forEach((candidate, k) => {
        const probability = actionScore(current, candidate.features);
        const target = candidate.isItem ? 1 : 0;
        const error = ((probability - target) * (candidate.isItem ? positiveWeight : negativeWeight)) / n;
        for (const [index, value] of entries[k]!) gradient[index]! += error * value;
      });
    },
    { ...options, unpenalized: new Set([0]) },
  );
  return roundedWeights(weights);
}

export function trainActionModel(calls: readonly ActionCall[]): ActionModel {
  return {
    trainedOn: [...new Set(calls.map((call) => call.set))],
    calls: calls.length,
    l2: ACTION_TRAINING.l2,
    iterations: ACTION_TRAINING.iterations,
    threshold: ACTION_TRAINING.threshold,
    features: ACTION_FEATURES,
    weights: trainActionWeights(calls),
  };
}

export interface ActionSetScore {
  set: string;
  calls: number;
  expected: number;
  rules: { matched: number; predicted: number };
  learned: { matched: number; predicted: number };
}

/** Each set's items found by a detector trained on the other sets only, beside the rules' items. */
export function leaveOneSetOutActions(calls: readonly ActionCall[]): ActionSetScore[] {
  const sets = [...new Set(calls.map((call) => call.set))];
  return sets.map((set) => {
    const weights = trainActionWeights(calls.filter((call) => call.set !== set));
    const heldOut = calls.filter((call) => call.set === set);
    const score = (items: (call: ActionCall) => string[]) =>
      heldOut.reduce(
        (total, call) => {
          const predicted = items(call);
          return {
            matched: total.matched + matchActionItems(predicted, call.label.actionItems),
            predicted: total.predicted + predicted.length,
          };
        },
        { matched: 0, predicted: 0 },
      );
    return {
      set,
      calls: heldOut.length,
      expected: heldOut.reduce((total, call) => total + call.label.actionItems.length, 0),
      rules: score((call) => call.rulesItems),
      learned: score((call) =>
        actionItemsOf(call.analysis, call.candidates, { weights, threshold: ACTION_TRAINING.threshold }).map(
          (item) => item.text,
        ),
      ),
    };
  });
}
