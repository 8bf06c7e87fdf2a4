/**
 * The arithmetic of the offline summarizer's learned layers: sparse features (index → value) scored by
 * logistic regression, binary (action items) or over several labels (mood, outcome).
 */

export type Features = ReadonlyMap<number, number>;

/** Probability that a clause is the positive class. */
export function logistic(weights: ArrayLike<number>, features: Features): number {
  let sum = 0;
  for (const [index, value] of features) sum += (weights[index] ?? 0) * value;
  return 1 / (1 + Math.exp(-sum));
}

/** Probabilities of each of `labels` labels; every label has its own block of `featuresPerLabel` weights. */
export function softmax(
  weights: ArrayLike<number>,
  features: Features,
  labels: number,
  featuresPerLabel: number,
): number[] {
  const logits = Array.from({ length: labels }, (_, label) => {
    let sum = 0;
    for (const [index, value] of features) sum += (weights[label * featuresPerLabel + index] ?? 0) * value;
    return sum;
  });
  return normalized(logits);
}

/** Scores turned into probabilities that sum to one. */
export function normalized(logits: readonly number[]): number[] {
  const top = Math.max(...logits);
  const exps = logits.map((logit) => Math.exp(logit - top));
  const total = exps.reduce((a, b) => a + b, 0);
  return exps.map((value) => value / total);
}

/** The index of the likeliest label. */
export const likeliest = (probabilities: readonly number[]) =>
  probabilities.indexOf(Math.max(...probabilities));

/** FNV-1a: a stable bucket for a word or word pair, the same on every machine. */
export function hashOf(text: string): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i += 1) hash = Math.imul(hash ^ text.charCodeAt(i), 0x01000193);
  return hash >>> 0;
}
