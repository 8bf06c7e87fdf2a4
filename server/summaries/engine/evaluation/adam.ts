import { softmax, type Features } from '../offline/linear-model';

/**
 * Full-batch Adam from zero weights for a fixed number of steps: the learned layers of the offline
 * summarizer are fitted with it, so the same calls always give the same weights on every machine.
 */

export interface FitOptions {
  l2: number;
  iterations: number;
  rate: number;
  /** Weights left out of the L2 penalty (a bias). */
  unpenalized?: ReadonlySet<number>;
}

/** `addGradient` adds the data term's gradient at `weights` into `gradient` (zeroed before each call). */
export function fitWithAdam(
  size: number,
  addGradient: (weights: Float64Array, gradient: Float64Array) => void,
  options: FitOptions,
): Float64Array {
  const weights = new Float64Array(size);
  const firstMoment = new Float64Array(size);
  const secondMoment = new Float64Array(size);
  const gradient = new Float64Array(size);
  const [beta1, beta2, epsilon] = [0.9, 0.999, 1e-8];
  for (let step = 1; step <= options.iterations; step += 1) {
    gradient.fill(0);
    addGradient(weights, gradient);
    const correction1 = 1 - beta1 ** step;
    const correction2 = 1 - beta2 ** step;
    for (let j = 0; j < size; j += 1) {
      const g = gradient[j]! + (options.unpenalized?.has(j) ? 0 : options.l2 * weights[j]!);
      firstMoment[j] = beta1 * firstMoment[j]! + (1 - beta1) * g;
      secondMoment[j] = beta2 * secondMoment[j]! + (1 - beta2) * g * g;
      weights[j]! -=
        (options.rate * (firstMoment[j]! / correction1)) /
        (Math.sqrt(secondMoment[j]! / correction2) + epsilon);
    }
  }
  return weights;
}

/** Multinomial logistic regression: each example's `gold` is the index of its label. */
export function fitSoftmax(
  examples: ReadonlyArray<{ features: Features; gold: number }>,
  labels: number,
  featuresPerLabel: number,
  options: FitOptions,
): Float64Array {
  const n = Math.max(1, examples.length);
  return fitWithAdam(
    labels * featuresPerLabel,
    (weights, gradient) => {
      for (const example of examples) {
        softmax(weights, example.features, labels, featuresPerLabel).forEach((probability, label) => {
          const error = (probability - (label === example.gold ? 1 : 0)) / n;
          for (const [index, value] of example.features)
            gradient[label * featuresPerLabel + index]! += error * value;
        });
      }
    },
    options,
  );
}

/** Four decimals keep a committed weights file small and its diffs readable. */
export const roundedWeights = (weights: Float64Array) =>
  Array.from(weights, (weight) => Math.round(weight * 1e4) / 1e4 || 0);
