import { z } from 'zod';
import { DEFAULT_CATEGORIES } from '../../../contract/summary';
import type { Category } from '../types';
import type { Analysis } from './analysis';
import { hashOf, likeliest, normalized } from './linear-model';
import { contentStems } from './nlp';
import { topicGroups } from './category';
import { CATCH_ALL_WORDS, CONCEPT_CUES } from './vocabulary';
import trainedModel from './learned-category.weights.json';

/**
 * The category, learned, for organizations that use the default categories. The category rules
 * (category.ts) fit the calls they were tuned on and picked the right default category on about 65% of
 * calls nobody had tuned them on. This model scores each category by how much of its name and
 * description the call uses and, for each default category, by the words and word pairs of the
 * customer's first half of the call and the words of the whole call, hashed: it learns what people say
 * when they call about billing, in their words rather than the description's. The agent's first
 * sentences count too ("let me pull up your invoice"), and so do the topic groups and concept cues of
 * vocabulary.ts the customer's opening uses: they name a topic in words no training call may have used
 * ("won't hold a charge" is a fault), so the model learns how far to trust each. An organization with its
 * own categories keeps the rules, which read any list. `npm run train` fits it
 * (evaluation/train-category.ts); deterministic, under a millisecond a call.
 */

const DEFAULT_NAMES: readonly string[] = DEFAULT_CATEGORIES.map((category) => category.name);
const SHARED_FEATURES = 5;
const WORD_BUCKETS = 4096;
/** How many of the agent's first sentences say what the call is about ("let me pull up your invoice"). */
const AGENT_OPENING_SENTENCES = 8;
/** Each default category has a bias and its own word weights after the shared features. */
export const CATEGORY_FEATURES = SHARED_FEATURES + DEFAULT_NAMES.length * (1 + WORD_BUCKETS);

const wordsOf = (text: string) =>
  text
    .replace(/[^a-z0-9' ]+/g, ' ')
    .split(/\s+/)
    .filter(Boolean);
const shareFound = (stems: readonly string[], found: ReadonlySet<string>) =>
  stems.length ? stems.filter((stem) => found.has(stem)).length / stems.length : 0;

/** One feature map per category, in the order given. */
export function categoryFeatures(
  analysis: Analysis,
  categories: readonly Category[],
): Array<Map<number, number>> {
  const customer = analysis.sentences.filter((sentence) => sentence.role !== 'agent');
  // People say why they called early; the second half drifts to details and goodbyes.
  const opening = customer.slice(0, Math.max(4, Math.ceil(customer.length * 0.5)));
  const openingStems = new Set(opening.flatMap((sentence) => sentence.stems));
  const callStems = new Set(analysis.sentences.flatMap((sentence) => sentence.stems));
  const openingWords = wordsOf(opening.map((sentence) => sentence.lower).join(' '));
  const grams = new Set([
    ...openingWords,
    ...openingWords.slice(1).map((word, i) => `${openingWords[i]} ${word}`),
  ]);
  const callWords = new Set(
    wordsOf(analysis.sentences.map((sentence) => sentence.lower).join(' ')).map((word) => `a:${word}`),
  );
  const agentOpening = analysis.sentences
    .filter((sentence) => sentence.role === 'agent')
    .slice(0, AGENT_OPENING_SENTENCES);
  const agentWords = new Set(
    wordsOf(agentOpening.map((sentence) => sentence.lower).join(' ')).map((word) => `g:${word}`),
  );
  const topics = topicGroups().flatMap((group, index) => {
    const found = [...openingStems].filter((stem) => group.has(stem)).length;
    return found ? [{ key: `topic:${index}`, value: Math.min(found, 3) / 3 }] : [];
  });
  const concepts = CONCEPT_CUES.flatMap(({ cue }, index) =>
    opening.some((sentence) => cue.test(sentence.lower)) ? [`concept:${index}`] : [],
  );
  // Long calls should not outvote short ones just by having more words.
  const gramWeight = 1 / Math.sqrt(Math.max(4, grams.size) / 4);
  const callWeight = 0.5 / Math.sqrt(Math.max(4, callWords.size) / 4);
  const agentWeight = 0.5 / Math.sqrt(Math.max(4, agentWords.size) / 4);

  return categories.map((category) => {
    const features = new Map<number, number>();
    const add = (index: number, value: number) => {
      if (value !== 0) features.set(index, (features.get(index) ?? 0) + value);
    };
    const nameStems = contentStems(category.name);
    const descriptionStems = contentStems(category.description ?? '');
    add(0, shareFound(nameStems, openingStems));
    add(1, shareFound(descriptionStems, openingStems));
    add(2, shareFound(nameStems, callStems));
    add(3, shareFound(descriptionStems, callStems));
    add(4, wordsOf(category.name.toLowerCase()).some((word) => CATCH_ALL_WORDS.includes(word)) ? 1 : 0);
    const known = DEFAULT_NAMES.indexOf(category.name);
    if (known !== -1) {
      const base = SHARED_FEATURES + known * (1 + WORD_BUCKETS);
      add(base, 1);
      const bucket = (key: string) => base + 1 + (hashOf(key) % WORD_BUCKETS);
      for (const gram of grams) add(bucket(gram), gramWeight);
      for (const word of callWords) add(bucket(word), callWeight);
      for (const word of agentWords) add(bucket(word), agentWeight);
      for (const { key, value } of topics) add(bucket(key), value);
      for (const key of concepts) add(bucket(key), 1);
    }
    return features;
  });
}

/** The probability of each category, in the order given. */
export function categoryProbabilities(
  weights: ArrayLike<number>,
  features: ReadonlyArray<ReadonlyMap<number, number>>,
): number[] {
  const scores = features.map((candidate) => {
    let sum = 0;
    for (const [index, value] of candidate) sum += (weights[index] ?? 0) * value;
    return sum;
  });
  return normalized(scores);
}

export const categoryModelSchema = z.object({
  trainedOn: z.array(z.string()),
  calls: z.number().int().positive(),
  l2: z.number(),
  iterations: z.number().int().positive(),
  features: z.literal(CATEGORY_FEATURES),
  weights: z.array(z.number()).length(CATEGORY_FEATURES),
});
export type CategoryModel = z.infer<typeof categoryModelSchema>;

// Checked on first use, not at import: the trainer imports this module to write a new file.
let model: CategoryModel | undefined;
const trainedWeights = () => (model ??= categoryModelSchema.parse(trainedModel)).weights;

/** Whether the model knows every category of the list (it learned the default ones only). */
export const knowsCategories = (categories: readonly Category[]) =>
  categories.length > 0 && categories.every((category) => DEFAULT_NAMES.includes(category.name));

/** The likeliest of the organization's categories; only for lists the model knows (knowsCategories). */
export function learnedCategory(
  analysis: Analysis,
  categories: readonly Category[],
  weights: ArrayLike<number> = trainedWeights(),
): string {
  const index = likeliest(categoryProbabilities(weights, categoryFeatures(analysis, categories)));
  return (categories[index] ?? categories[0])?.name ?? '';
}
