import type { Analysis, Sentence } from './analysis';

/**
 * What "he" and "them" stand for in a promise. An action item is read on its own, away from the
 * call, so "He'll call you tomorrow" must say who calls ("the supervisor") and "I'll send them
 * tonight" what is sent ("the photos of the dent"). Both are looked up in the sentences just
 * before the promise: people name a role or a thing, then refer back to it.
 */

/** People and teams who act for the company after the call. */
export const ROLE_NOUNS = [
  'supervisor',
  'manager',
  'lead',
  'adjuster',
  'technician',
  'tech',
  'installer',
  'plumber',
  'electrician',
  'engineer',
  'mechanic',
  'locksmith',
  'inspector',
  'specialist',
  'representative',
  'coordinator',
  'dispatcher',
  'driver',
  'courier',
  'crew',
  'contractor',
  'team',
  'department',
  'pharmacy',
  'pharmacist',
  'doctor',
  'nurse',
] as const;

const ROLE_MENTION = new RegExp(String.raw`\b(${ROLE_NOUNS.join('|')})s?\b`, 'g');
/** How many turns back a reference may reach. */
const LOOKBACK_TURNS = 3;

/** Sentences before `sentence`, nearest first: its own turn, then the turns before it. */
function* precedingSentences(analysis: Analysis, sentence: Sentence): Generator<Sentence> {
  const own = analysis.byTurn[sentence.turn] ?? [];
  for (let index = sentence.index - 1; index >= 0; index -= 1) {
    const previous = own.find((candidate) => candidate.index === index);
    if (previous) yield previous;
  }
  for (let turn = sentence.turn - 1; turn >= 0 && turn >= sentence.turn - LOOKBACK_TURNS; turn -= 1)
    yield* [...(analysis.byTurn[turn] ?? [])].reverse();
}

/** The role a "he", "she" or "they" refers to: the last one the same speaker named. */
function roleReferredTo(
  analysis: Analysis,
  sentence: Sentence,
  pronounAt: number,
): string | undefined {
  const lastRole = (text: string) => [...text.matchAll(ROLE_MENTION)].at(-1)?.[1];
  const inSentence = lastRole(sentence.lower.slice(0, pronounAt));
  if (inSentence) return inSentence;
  for (const previous of precedingSentences(analysis, sentence)) {
    if (previous.role !== sentence.role) continue;
    const role = lastRole(previous.lower);
    if (role) return role;
  }
  return undefined;
}

/**
 * A thing handed over or asked for: the object of "send / email / need / sign…" or of "we have" (the
 * thing an agent goes on to offer: "we have a one-page statement. I can email it"), a noun phrase
 * ("a couple of photos of the dent", "the monitoring agreement", "that photo") ending where the
 * sentence goes on to say to whom, when or why.
 */
const HANDED_OVER = new RegExp(
  String.raw`\b(?:send|email|e-mail|mail|upload|forward|fax|need|sign|e-sign|fill out|complete|return|bring|provide|submit|offer|get|we have|we've got|(?:do |if )?you have|(?:if )?you've got|i have|i've got)\s+(?:us\s+|me\s+|you\s+|him\s+|her\s+)?(?:from (?:you|me|us)\s*(?:is\s+|are\s+|:\s*))?((?:(?:a|an|the|your|my|her|his|their|our|some|this|that|these|those)\s+)?(?!(?:to|it|them|that|this|those|these|me|you|us|him|her|in|on|up|out|back|over|with|for|from|at|about|as|of|and|or)\b)[a-z0-9'\- ]+?)(?=[,.?!;:]|\s+(?:to|by|before|within|with|for|so|in|at|when|if|once|after|from|now|today|tonight|tomorrow|this|next)\b|$)`,
  'g',
);

/** The last thing handed over or asked for before `sentence`, in the words (and capitals) used. */
function objectReferredTo(analysis: Analysis, sentence: Sentence): string | undefined {
  for (const previous of precedingSentences(analysis, sentence)) {
    const match = [...previous.lower.matchAll(HANDED_OVER)].at(-1);
    const phrase = match?.[1];
    // "upload a new one" names no thing of its own: look further back for what it stands for.
    if (!match || !phrase || /\bones?$/.test(phrase)) continue;
    const at = (match.index ?? 0) + match[0].length - phrase.length;
    // "a copy of the report card" is "the report card": the copy is how it travels, not what it is.
    return previous.text.slice(at, at + phrase.length).replace(/^an? (?:copy|copies|scan|photo) of /i, '');
  }
  return undefined;
}

/** Deeds that hand something over: only their object can be a thing referred back to. */
const HANDS_OVER_PRONOUN = new RegExp(
  String.raw`(?:^|\s)(?:send|email|e-mail|mail|text|forward|upload|fax|bring|drop|sign|e-sign|return|fill|submit|get|post|put|print|pick|ship|deliver|provide|need) (it|them|those|these|that(?= (?:to|over|back|in|on|by|before|tonight|today|tomorrow|this|next)\b|$))\b`,
);

/** Who "he", "she" or "they" is as the subject of a promise ("she'll call you"): the role last named. */
export function subjectReferredTo(
  analysis: Analysis,
  sentence: Sentence,
  pronoun: string,
): string | undefined {
  const pronounAt = sentence.lower.search(new RegExp(String.raw`\b${pronoun.toLowerCase()}(?:'ll| will)\b`));
  return roleReferredTo(analysis, sentence, Math.max(0, pronounAt));
}

/**
 * The text with the pronoun a deed hands over named ("send them tonight" → "send the photos of the dent
 * tonight"), in the case the text uses. "That" only as an object ("email that tonight"), not as a
 * conjunction ("check that it works"); only a deed that hands something over names a thing handed over,
 * so "leave it unlocked" keeps its "it".
 */
export function withThingNamed(analysis: Analysis, sentence: Sentence, text: string): string {
  const object = HANDS_OVER_PRONOUN.exec(text.toLowerCase());
  if (!object) return text;
  // "scan THE DOCUMENTS and upload them": a thing named earlier in the item is what the pronoun means.
  const deedBefore = text
    .slice(0, object.index)
    .toLowerCase()
    .replace(/^(?:customer to|[a-z ]+? will)\b/, '');
  if (/\b(?:the|a|an|my|your|their|our|his|her) [a-z]/.test(deedBefore)) return text;
  const thing = objectReferredTo(analysis, sentence);
  if (!thing) return text;
  const pronoun = object[1] ?? '';
  const pronounAt = object.index + object[0].length - pronoun.length;
  return `${text.slice(0, pronounAt)}${thing}${text.slice(pronounAt + pronoun.length)}`;
}
