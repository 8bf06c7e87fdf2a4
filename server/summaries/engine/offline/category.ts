import type { Category } from '../types';
import type { Analysis } from './analysis';
import { contentStems, negatedContentStems } from './nlp';
import {
  CATCH_ALL_WORDS,
  CONCEPT_CUES,
  DESCRIPTION_NOISE,
  GENERIC_WORDS,
  INTENT_PHRASES,
  NOT_TOPIC_WORDS,
  RESTATED_REASON,
  SIDE_TOPIC,
  TOPIC_GROUPS,
} from './vocabulary';

/**
 * Picks one of the organization's categories by how strongly the conversation uses each category's
 * vocabulary: its name, its description, and topic words related to those. Terms shared by many
 * categories count less (idf); what the customer says counts more than what the agent says, and
 * the opening, where people state why they called, counts most.
 */

const NAME_WEIGHT = 3;
const DESCRIPTION_WEIGHT = 2;
const RELATED_WEIGHT = 1;
const ROLE_WEIGHT = { customer: 1, unknown: 0.8, agent: 0.45 } as const;
/** Below this, the evidence is too thin to prefer a specific category over the catch-all. */
const MIN_SPECIFIC_SCORE = 2.5;
/** The catch-all ("fits no other category") wins unless a specific category clearly beats it. */
const CATCH_ALL_MARGIN = 0.85;
const GENERIC_FACTOR = 0.25;
const INTENT_FACTOR = 3;
const INTENT_WINDOW_WORDS = 6;
/** Agents' verification questions ("can I have your address?") say nothing about the topic. */
const AGENT_QUESTION_FACTOR = 0.3;
/** What a cue in the customer's words means counts double: it is the customer naming the topic. */
const CONCEPT_FACTOR = 2;
/** "That's what I'm actually calling about": the sentences it points at are the real reason. */
const RESTATED_FACTOR = 2.5;
const RESTATED_REACH = 3;
/** After "while I've got you…" the call turns to a side matter: it counts, but less than the main one. */
const SIDE_TOPIC_FACTOR = 0.4;
/** "Close THE account", "cancel YOUR order": a verb and the object a description ties it to. */
const VERB_OBJECT = /\b([a-z]+) (?:the|a|an|your|their|my) ([a-z]+)\b/g;
/** "But the real reason I called." ends on the pointer: the reason is in what the customer says next. */
const POINTS_FORWARD = /(?:calling|called|writing|here|is)[.!:]*$/;

let conceptStems: Array<{ cue: RegExp; stems: string[]; agentToo: boolean }> | undefined;
/** The words the cues in this sentence stand for (see CONCEPT_CUES); agents' words only where the cue says so. */
function conceptsOf(lower: string, byAgent: boolean): Set<string> {
  conceptStems ??= CONCEPT_CUES.map(({ cue, means, agentToo }) => ({
    cue,
    stems: contentStems(means),
    agentToo: agentToo ?? false,
  }));
  const stems = new Set<string>();
  for (const { cue, stems: meant, agentToo } of conceptStems)
    if ((!byAgent || agentToo) && cue.test(lower)) for (const stem of meant) stems.add(stem);
  return stems;
}

/** Sentences the customer points back (or forward) to as the real reason for the call. */
function restatedSentences(analysis: Analysis): Set<number> {
  const marked = new Set<number>();
  analysis.sentences.forEach((sentence, position) => {
    if (sentence.role !== 'customer' || !RESTATED_REASON.test(sentence.lower)) return;
    for (let offset = -RESTATED_REACH; offset <= 1; offset += 1) {
      if (analysis.sentences[position + offset]?.turn === sentence.turn) marked.add(position + offset);
    }
    if (!POINTS_FORWARD.test(sentence.lower)) return;
    let customerSentences = 0;
    for (
      let next = position + 1;
      next < analysis.sentences.length && customerSentences < RESTATED_REACH;
      next += 1
    ) {
      if (analysis.sentences[next]?.role !== 'customer') continue;
      marked.add(next);
      customerSentences += 1;
    }
  });
  return marked;
}

interface Profile {
  category: Category;
  weights: Map<string, number>;
  /** Description words that mean their negation ("does not WORK"): they match only when negated. */
  negatedOnly: Set<string>;
  /** A description verb tied to its object ("close the ACCOUNT"): the verb counts only beside it. */
  objectOf: Map<string, string>;
  catchAll: boolean;
}

let stemmedGroups: Set<string>[] | undefined;
/** TOPIC_GROUPS as stems, the way sentences are read. */
export function topicGroups(): Set<string>[] {
  stemmedGroups ??= TOPIC_GROUPS.map((group) => new Set(group.flatMap((word) => contentStems(word))));
  return stemmedGroups;
}

let noiseStems: Set<string> | undefined;
/** "The customer wants to…", "anything that fits no other category": how descriptions talk, not topics. */
function isDescriptionNoise(stem: string): boolean {
  noiseStems ??= new Set(DESCRIPTION_NOISE.flatMap((word) => contentStems(word)));
  return noiseStems.has(stem);
}

let genericStems: Set<string> | undefined;
function isGeneric(stem: string): boolean {
  genericStems ??= new Set(GENERIC_WORDS.flatMap((word) => contentStems(word)));
  return genericStems.has(stem);
}

/** Stems of the words right after "I want to", "calling about"…: the customer's stated intent. */
function intentStems(lower: string): Set<string> {
  const stems = new Set<string>();
  for (const phrase of INTENT_PHRASES) {
    const at = lower.indexOf(phrase);
    if (at === -1) continue;
    const window = lower
      .slice(at + phrase.length)
      .split(/\s+/)
      .slice(0, INTENT_WINDOW_WORDS + 1)
      .join(' ');
    for (const stem of contentStems(window)) stems.add(stem);
  }
  return stems;
}

const profileCache = new Map<string, Profile>();

function profileOf(category: Category): Profile {
  const key = `${category.name}\u0000${category.description}`;
  const cached = profileCache.get(key);
  if (cached) return cached;
  const weights = new Map<string, number>();
  const raise = (stem: string, weight: number) => weights.set(stem, Math.max(weights.get(stem) ?? 0, weight));
  const own = [
    ...contentStems(category.name).map((stem) => [stem, NAME_WEIGHT] as const),
    ...contentStems(category.description).map((stem) => [stem, DESCRIPTION_WEIGHT] as const),
  ].filter(([stem]) => !isDescriptionNoise(stem));
  for (const [stem, weight] of own) raise(stem, weight);
  for (const group of topicGroups()) {
    // One generic word does not pull a topic in ("pricing questions" is not about opening hours);
    // two do ("Questions and information requests").
    const shared = new Set(own.filter(([stem]) => group.has(stem)).map(([stem]) => stem));
    const specific = [...shared].some((stem) => !isGeneric(stem));
    if (specific || shared.size >= 2) for (const related of group) raise(related, RELATED_WEIGHT);
  }
  const nameWords = category.name.toLowerCase().split(/[^a-z]+/);
  const nameStems = new Set(contentStems(category.name));
  const objectOf = new Map<string, string>();
  // "close the account" is not "the app closes": a description verb meets its own object or nothing.
  for (const [, verb, object] of category.description.toLowerCase().matchAll(VERB_OBJECT)) {
    const [verbStem] = contentStems(verb ?? '');
    const [objectStem] = contentStems(object ?? '');
    if (verbStem && objectStem && !nameStems.has(verbStem)) objectOf.set(verbStem, objectStem);
  }
  const profile = {
    category,
    weights,
    objectOf,
    negatedOnly: new Set(negatedContentStems(category.description)),
    catchAll: nameWords.some((word) => CATCH_ALL_WORDS.includes(word)),
  };
  if (profileCache.size > 500) profileCache.clear();
  profileCache.set(key, profile);
  return profile;
}

export interface CategoryScore {
  name: string;
  score: number;
}

export function scoreCategories(analysis: Analysis, categories: readonly Category[]): CategoryScore[] {
  const profiles = categories.map(profileOf);
  const documentFrequency = new Map<string, number>();
  for (const profile of profiles)
    for (const stem of profile.weights.keys())
      documentFrequency.set(stem, (documentFrequency.get(stem) ?? 0) + 1);
  const idf = (stem: string) => Math.log(1 + profiles.length / (documentFrequency.get(stem) ?? 1));

  const total = analysis.sentences.length || 1;
  const scores = profiles.map(() => 0);
  const restated = restatedSentences(analysis);
  // Only after the opening: "one more thing" in the first turns still states the reason for calling.
  const sideFrom = analysis.sentences.findIndex(
    (sentence, position) =>
      sentence.role === 'customer' &&
      position >= Math.max(6, total * 0.25) &&
      SIDE_TOPIC.test(sentence.lower),
  );
  analysis.sentences.forEach((sentence, position) => {
    const opening = position < Math.max(6, total * 0.25) ? 1.6 : 1;
    const asked = sentence.role === 'agent' && sentence.isQuestion ? AGENT_QUESTION_FACTOR : 1;
    const side = sideFrom !== -1 && position >= sideFrom && !restated.has(position) ? SIDE_TOPIC_FACTOR : 1;
    const weight =
      ROLE_WEIGHT[sentence.role] * opening * asked * side * (restated.has(position) ? RESTATED_FACTOR : 1);
    const stems = new Set(
      sentence.lower.search(NOT_TOPIC_WORDS) === -1
        ? sentence.stems
        : contentStems(sentence.lower.replace(NOT_TOPIC_WORDS, ' ')),
    );
    const negated = new Set(sentence.negatedStems);
    const intent = sentence.role === 'agent' ? new Set<string>() : intentStems(sentence.lower);
    const concepts = conceptsOf(sentence.lower, sentence.role === 'agent');
    profiles.forEach((profile, index) => {
      let hit = 0;
      for (const stem of concepts) hit += (profile.weights.get(stem) ?? 0) * idf(stem) * CONCEPT_FACTOR;
      for (const stem of stems) {
        const termWeight = profile.weights.get(stem);
        if (!termWeight) continue;
        // "How it works" is not "it does not work".
        if (profile.negatedOnly.has(stem) && !negated.has(stem)) continue;
        const object = profile.objectOf.get(stem);
        if (object && !stems.has(object)) continue;
        hit +=
          termWeight *
          idf(stem) *
          (isGeneric(stem) ? GENERIC_FACTOR : 1) *
          (intent.has(stem) ? INTENT_FACTOR : 1);
      }
      scores[index] = (scores[index] ?? 0) + weight * hit;
    });
  });
  return profiles.map((profile, index) => ({
    name: profile.category.name,
    score: (scores[index] ?? 0) / Math.pow(Math.max(profile.weights.size, 4), 0.25),
  }));
}

export function classify(analysis: Analysis, categories: readonly Category[]): string {
  if (categories.length === 0) throw new Error('classify needs at least one category');
  const scores = scoreCategories(analysis, categories);
  const profiles = categories.map(profileOf);
  let best: CategoryScore | undefined;
  scores.forEach((score, index) => {
    if (profiles[index]?.catchAll) return;
    if (!best || score.score > best.score) best = score;
  });
  const catchAllIndex = profiles.findIndex((profile) => profile.catchAll);
  const catchAll =
    catchAllIndex === -1
      ? undefined
      : { name: (categories[catchAllIndex] as Category).name, score: scores[catchAllIndex]?.score ?? 0 };
  if (!best) return catchAll?.name ?? (categories[0] as Category).name;
  if (catchAll && (best.score < MIN_SPECIFIC_SCORE || catchAll.score >= best.score * CATCH_ALL_MARGIN))
    return catchAll.name;
  return best.name;
}
