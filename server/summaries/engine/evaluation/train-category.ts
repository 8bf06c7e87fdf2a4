import { classify } from '../offline/category';
import {
  CATEGORY_FEATURES,
  categoryFeatures,
  categoryProbabilities,
  knowsCategories,
  type CategoryModel,
} from '../offline/learned-category';
import { likeliest } from '../offline/linear-model';
import { fitWithAdam, roundedWeights } from './adam';
import type { LabelledCall } from './labelled-calls';

/**
 * Fits the offline summarizer's learned category (offline/learned-category.ts): a softmax over each
 * call's categories, every category scored by the same weights. It learns from every labelled call,
 * organizations with their own categories included (they teach the name and description features).
 */

// A light penalty: leave-one-set-out picked it (0.003 held the concept and topic weights back).
export const CATEGORY_TRAINING = { l2: 0.0003, iterations: 300, rate: 0.05 } as const;

export interface CategoryExample {
  set: string;
  name: string;
  candidates: Array<Map<number, number>>;
  gold: number;
  rulesCorrect: boolean;
  /** The model decides only for the default categories; the rules keep the others. */
  decidedByModel: boolean;
}

export function categoryExamples(calls: readonly LabelledCall[]): CategoryExample[] {
  return calls.map((call) => ({
    set: call.set,
    name: call.name,
    candidates: categoryFeatures(call.analysis, call.categories),
    gold: call.categories.findIndex((category) => category.name === call.label.category),
    rulesCorrect: classify(call.analysis, call.categories) === call.label.category,
    decidedByModel: knowsCategories(call.categories),
  }));
}

export function trainCategoryWeights(examples: readonly CategoryExample[]): number[] {
  const labelled = examples.filter((example) => example.gold !== -1);
  const n = Math.max(1, labelled.length);
  const weights = fitWithAdam(
    CATEGORY_FEATURES,
    (current, gradient) => {
      for (const example of labelled) {
        categoryProbabilities(current, example.candidates).forEach((probability, index) => {
          const error = (probability - (index === example.gold ? 1 : 0)) / n;
          for (const [feature, value] of example.candidates[index]!) gradient[feature]! += error * value;
        });
      }
    },
    CATEGORY_TRAINING,
  );
  return roundedWeights(weights);
}

export function trainCategoryModel(examples: readonly CategoryExample[]): CategoryModel {
  return {
    trainedOn: [...new Set(examples.map((example) => example.set))],
    calls: examples.length,
    l2: CATEGORY_TRAINING.l2,
    iterations: CATEGORY_TRAINING.iterations,
    features: CATEGORY_FEATURES,
    weights: trainCategoryWeights(examples),
  };
}

export interface CategorySetScore {
  set: string;
  calls: number;
  rulesCorrect: number;
  /** The summarizer's answer: the model for default categories, the rules otherwise. */
  learnedCorrect: number;
}

/** Each set's categories from a model trained on the other sets only, beside the rules'. */
export function leaveOneSetOutCategory(examples: readonly CategoryExample[]): CategorySetScore[] {
  const sets = [...new Set(examples.map((example) => example.set))];
  return sets.map((set) => {
    const weights = trainCategoryWeights(examples.filter((example) => example.set !== set));
    const heldOut = examples.filter((example) => example.set === set);
    const modelCorrect = (example: CategoryExample) =>
      likeliest(categoryProbabilities(weights, example.candidates)) === example.gold;
    return {
      set,
      calls: heldOut.length,
      rulesCorrect: heldOut.filter((example) => example.rulesCorrect).length,
      learnedCorrect: heldOut.filter((example) =>
        example.decidedByModel ? modelCorrect(example) : example.rulesCorrect,
      ).length,
    };
  });
}
