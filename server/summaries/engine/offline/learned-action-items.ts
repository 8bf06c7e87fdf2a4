import { z } from 'zod';
import type { ActionItem } from '../../../contract/summary';
import type { Analysis, Sentence } from './analysis';
import { clockTimesInFigures, dueOf, recappedLater } from './commitments';
import { hashOf, logistic } from './linear-model';
import { allStems } from './nlp';
import { subjectReferredTo, withThingNamed } from './references';
import trainedModel from './learned-action-items.weights.json';

/**
 * Action items, learned. The hand-written promise rules (commitments.ts) fit the calls they were
 * tuned on and found about half the items of calls nobody had tuned them on. This detector scores
 * every clause of the call: a logistic regression over counted cues (who speaks, "I'll", "can you",
 * an offer and the answer to it, a deadline, work reported done…) and the clause's words, word pairs
 * and opening words, hashed. Measured once on 40 calls no one had studied, it found 60.9% of the items
 * at 55.7% precision (the README has the history). `npm run train` fits it to the labelled calls
 * (evaluation/train-action-items.ts); deterministic, about 10 ms a call.
 */

const DENSE_FEATURES = 37;
const WORD_BUCKETS = 4096;
export const ACTION_FEATURES = DENSE_FEATURES + WORD_BUCKETS;
/** The summary holds at most this many items; a call that seems to have more is mostly talk. */
const MAX_ITEMS = 12;
/** Two clauses whose matching stems overlap this much (Dice) are the same item said twice. */
const SAME_ITEM = 0.5;

// --- Item text ------------------------------------------------------------------------------------

const LEADING_FILLER =
  /^(?:(?:so|okay|ok|and|also|great|perfect|alright|all right|then|well|sure|absolutely|yes|yeah|yep|got it|thanks|thank you|no problem|of course|done|understood|fine|good|right|wonderful|excellent|first|second|next|finally|lastly|plus|um|uh|oh|now|but|look|listen|honestly|basically|anyway|cool|awesome|certainly|definitely)[,!.:]?\s+)+/i;
/** Who does it is the item's owner field, so the text starts at the deed ("I'll email…" → "Email…"). */
const LEADING_SUBJECT =
  /^(?:i'll|i will|i'm going to|i am going to|i'm gonna|we'll|we will|we're going to|we are going to|let me|i can|we can|i need to|i have to|i'd like to|i want to|you(?:'ll| will|'d)? (?:also |still |just |then |first )?(?:need|want|have) to|you'll|you will|can you|could you|would you|will you|please|you should|you can|i should|i'd|i would|i'll just|i'll go ahead and|i will go ahead and|go ahead and|just|make sure you|remember to|don't forget to)\s+/i;
const HEDGES =
  /\b(?:just|actually|really|definitely|right away|right now|as well|for you|go ahead and|basically|probably|also|okay|um|uh|sure)\b/gi;
const CONTRACTION = /'(?:ll|re|ve|m|d)\b/gi;
const AUXILIARIES = /\b(?:going to|gonna|please|me|kindly|do|does|n't)\b|n't\b/gi;

const UNITS =
  'zero one two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen sixteen seventeen eighteen nineteen'.split(
    ' ',
  );
const TENS = ['', '', 'twenty', 'thirty', 'forty', 'fifty', 'sixty', 'seventy', 'eighty', 'ninety'];
const ORDINALS: Record<string, number> = {
  first: 1,
  second: 2,
  third: 3,
  fourth: 4,
  fifth: 5,
  sixth: 6,
  seventh: 7,
  eighth: 8,
  ninth: 9,
  tenth: 10,
  eleventh: 11,
  twelfth: 12,
  thirteenth: 13,
  fourteenth: 14,
  fifteenth: 15,
  sixteenth: 16,
  seventeenth: 17,
  eighteenth: 18,
  nineteenth: 19,
  twentieth: 20,
  thirtieth: 30,
};
const ordinalSuffix = (n: number) =>
  n % 10 === 1 && n !== 11 ? 'st' : n % 10 === 2 && n !== 12 ? 'nd' : n % 10 === 3 && n !== 13 ? 'rd' : 'th';
const TENS_WORD = '(twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety)';
const ORDINAL_WORD = `(${Object.keys(ORDINALS).join('|')})`;

/** "forty-eight hours" → "48 hours", "the ninth at ten" → "the 9th at 10": people write figures. */
function inFigures(text: string): string {
  const ordinal = (n: number) => `${n}${ordinalSuffix(n)}`;
  return clockTimesInFigures(text)
    .replace(
      new RegExp(
        String.raw`\b${TENS_WORD}[- ](first|second|third|fourth|fifth|sixth|seventh|eighth|ninth)\b`,
        'gi',
      ),
      (_, tens: string, unit: string) =>
        ordinal(TENS.indexOf(tens.toLowerCase()) * 10 + (ORDINALS[unit.toLowerCase()] ?? 0)),
    )
    .replace(
      new RegExp(String.raw`\b${TENS_WORD}(?:[- ](one|two|three|four|five|six|seven|eight|nine))?\b`, 'gi'),
      (_, tens: string, unit?: string) =>
        String(TENS.indexOf(tens.toLowerCase()) * 10 + (unit ? UNITS.indexOf(unit.toLowerCase()) : 0)),
    )
    .replace(
      new RegExp(
        String.raw`\b(the )?${ORDINAL_WORD}\b(?=\s*(?:of|$|,|\.|\s(?:at|between|from|in the|morning|afternoon)))`,
        'gi',
      ),
      (_, the: string | undefined, word: string) =>
        `${the ?? ''}${ordinal(ORDINALS[word.toLowerCase()] ?? 0)}`,
    )
    .replace(
      /\b(one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen)\b/gi,
      (word: string, _unit: string, at: number, whole: string) =>
        /^one$/i.test(word) && isPronounOne(whole.slice(0, at), whole.slice(at + word.length))
          ? word
          : String(UNITS.indexOf(word.toLowerCase())),
    );
}

/** "Forward the corrected one", "mail you one this afternoon": "one" standing for a thing is not a figure. */
const isPronounOne = (before: string, after: string) =>
  /\b(?:the|a|an|this|that|new|another|each|which|every|any|no|other|right|wrong|old|corrected|signed|spare|replacement|same|blank|fresh)\s+$/i.test(
    before,
  ) ||
  /^\s*(?:[,.;!?]|$)|^\s+(?:to|for|by|in|on|at|of|this|that|tonight|today|tomorrow|once|when|if|and|or|with|from|back|over|too|now|later|soon|as|before|after|up|out|off)\b/i.test(
    after,
  );

/** "Once the lab tests it, someone will call you": when the deed happens is not the deed. */
const LEADING_CONDITION =
  /^(?:once|as soon as|after|in the meantime|meanwhile|for (?:all )?the trouble|while)\b[^,]{0,80},\s*/i;

/** Why the deed is done is not the deed: "…so you have it in writing", "…because the lab needs it". */
const REASON_TAIL =
  /,?\s+(?:so (?:that )?(?:you|we|they|i|he|she|it|the|your)\b|because\b|since\b|otherwise\b|as that\b|that way\b).*$/i;

/**
 * An aside after a comma is not the deed: "Pay it tonight, the card is upstairs", "Mail the envelope
 * tomorrow, the post office is on the way", "Hold it until Friday, no deposit".
 */
const ASIDE_TAIL =
  /,\s+(?:(?:(?:the|my|your|our|his|her|their|its) [\w']+(?: [\w']+)?|it|that|this|there|he|she|they|we|i|you)(?:'s|'re| is| are| was| were| takes| has| have| had| goes| looks)\b|no (?:problem|worries|rush|charge|cost|deposit|fee)\b).*$/i;

/** A clause as an item: the deed first, without fillers, hedges or the speaker's "I'll". */
export function itemTextOf(clause: string): string {
  let text = clause.replace(/[’‘]/g, "'").trim();
  for (let pass = 0; pass < 3; pass += 1)
    text = text.replace(LEADING_FILLER, '').replace(LEADING_CONDITION, '').replace(LEADING_SUBJECT, '');
  text = text
    .replace(REASON_TAIL, '')
    .replace(ASIDE_TAIL, '')
    .replace(HEDGES, ' ')
    .replace(/[?!.]+$/, '');
  // "He'll call" is "He will call": only the speaker's own leading "I'll" is dropped, as the owner field
  // says who; later in the clause it stays a future ("…the photo, I'll ship" → "the agent will ship").
  text = text.replace(/\b(he|she|they|it|someone|somebody|I|we|you|[A-Z][a-z]+)'ll\b/g, '$1 will');
  text = inFigures(text.replace(CONTRACTION, '').replace(AUXILIARIES, ' '));
  text = text.replace(/\s+/g, ' ').trim();
  return text.charAt(0).toUpperCase() + text.slice(1);
}

/** Clauses of a sentence: coordinators and punctuation that join separate deeds. */
function clausesOf(text: string): string[] {
  return text
    .split(
      // …and before a second deed with its own doer: "you send the drawing tonight, I'll call tomorrow".
      /(?:,\s*(?:and|so|but|then)\s+|;\s*|\s+and then\s+|,\s*then\s+|\s+—\s+|\s+-\s+|:\s+|,\s*(?:which|once|after|before|when)\s+|,\s*(?=(?:i|we|you|he|she|they)(?:'ll| will)\s))/i,
    )
    .map((clause) => clause.trim())
    .filter((clause) => clause.split(/\s+/).length >= 3);
}

/** Function and role words say nothing about which deed an item is (the eval ignores the same ones). */
const FUNCTION_WORDS = new Set(
  'a an the to of for and or in on at by with from this that these those it its is are be been will would can could should shall i you your we our they their he she him her them my me us as so if then than into about custom customer agent'.split(
    ' ',
  ),
);
/** The stems two wordings of one item share: "Email the receipt" and "send the customer the receipt by email". */
export function itemStems(text: string): Set<string> {
  return new Set(allStems(text.toLowerCase()).filter((stem) => !FUNCTION_WORDS.has(stem)));
}

export function dice(left: ReadonlySet<string>, right: ReadonlySet<string>): number {
  if (left.size === 0 || right.size === 0) return 0;
  let shared = 0;
  for (const stem of left) if (right.has(stem)) shared += 1;
  return (2 * shared) / (left.size + right.size);
}

// --- Features -------------------------------------------------------------------------------------

const FIRST_PERSON_FUTURE =
  /\b(?:i'll|i will|we'll|we will|i'm going to|i am going to|we're going to|i'm gonna|let me|i can get|i'll have)\b/;
const REQUEST =
  /\b(?:can you|could you|would you mind|please|you'll need to|you will need to|you need to|make sure|you'll want to|you should|remember to|don't forget|just need you to|i need you to|if you could)\b/;
const YOU_FUTURE = /\b(?:you'll|you will|you're going to|you are going to)\b/;
const CUSTOMER_SELF = /\b(?:i'll|i will|i'm going to|i can|i need to|let me)\b/;
const THIRD_PARTY =
  /\b(?:he'll|she'll|they'll|he will|she will|they will|team|technician|tech|someone|somebody|supervisor|manager|specialist|department|courier|driver|crew|installer|dr\.?|doctor|office|billing|will be|is going to|are going to|comes|arrives|will come|will call)\b/;
const WILL = /\b(?:will|'ll|going to|gonna)\b|'ll\b/;
const DONE =
  /\b(?:i've|i have|we've|i just|already|done|i did|is done|has been|have been|went through|processed|i've gone ahead)\b/;
const OFFER =
  /\b(?:would you like|do you want|want me to|shall i|should i|would it help|if you want|if you'd like|i could|we could|i can also)\b/;
const CONDITION = /\b(?:if|unless|in case|whether|once|when|after)\b/;
const DEED =
  /\b(?:send|email|e-mail|call|text|mail|ship|follow up|get back|reach out|schedule|book|escalate|review|process|refund|credit|apply|upload|submit|return|sign|bring|drop|pick up|check|confirm|forward|reply|look into|investigate|arrange|set up|cancel|deliver|replace|visit|come out|install|fax|print|fill out|complete)\b/;
const TIME_WORD =
  /\b(?:today|tomorrow|tonight|monday|tuesday|wednesday|thursday|friday|saturday|sunday|next week|this week|within|business days|hours|by the end|morning|afternoon|evening|later|end of day|eod|asap|soon|am|pm)\b/;
const YES =
  /^(?:yes|yeah|yep|sure|ok|okay|great|perfect|sounds good|that works|that'd be great|that would be great|please|absolutely|will do|i will|i'll|alright|all right|thank|thanks|awesome|of course|definitely|got it|good|fine|wonderful)\b/;
const NO =
  /^(?:no|nope|nah|not really|i'm good|i'm fine|that's ok|that's okay|no thanks|no thank you|i don't think|maybe later|not now|i'll pass|i'll think)\b/;
const POLICY =
  /\b(?:always|usually|normally|typically|generally|policy|every time|each time|automatically)\b/;
const REPORTED_DONE = /\b(?:done|all set|went through|i see it|got it|it worked|that worked)\b/;
const ON_THE_SPOT =
  /\bright now\b|\bwhile (?:we're|you're|i'm) on\b|\bas we speak\b|\bone moment\b|\bhold on\b|\bbear with\b/;
const SHORT_FILLER =
  /^(?:(?:so|okay|ok|and|also|great|perfect|alright|then|well|sure|absolutely|yes|yeah|um|uh|oh|now|but)[,!.:]?\s+)+/;

const bucketOf = (text: string) => DENSE_FEATURES + (hashOf(text) % WORD_BUCKETS);
const wordsOf = (text: string) =>
  text
    .replace(/[^a-z0-9'$ ]+/g, ' ')
    .split(/\s+/)
    .filter(Boolean);

export interface ActionCandidate {
  sentence: Sentence;
  clause: string;
  text: string;
  stems: Set<string>;
  features: Map<number, number>;
}

/**
 * What the detector reads around each turn, once per turn rather than per clause: the other side's
 * next turn (the answer) and previous turn (what was asked), and the three turns after it.
 */
function turnContexts(analysis: Analysis): Array<{ reply: string; asked: string; ahead: string }> {
  const texts = analysis.byTurn.map((sentences) => sentences.map((sentence) => sentence.lower).join(' '));
  const roles = analysis.byTurn.map((sentences) => sentences[0]?.role);
  const otherSide = (turn: number, step: 1 | -1) => {
    for (let other = turn + step; other >= 0 && other < roles.length; other += step)
      if (roles[other] !== undefined && roles[other] !== roles[turn]) return texts[other] ?? '';
    return '';
  };
  return analysis.byTurn.map((_, turn) => ({
    reply: otherSide(turn, 1).trim(),
    asked: otherSide(turn, -1),
    ahead: analysis.byTurn
      .slice(turn + 1, turn + 4)
      .flat()
      .map((sentence) => sentence.lower)
      .join(' '),
  }));
}

/** "She will call the customer Thursday" → "The manager will call the customer Thursday". */
function withSubjectNamed(analysis: Analysis, sentence: Sentence, text: string): string {
  const subject = /^(he|she|they)\b( will)?\s+/i.exec(text);
  const role = subject ? subjectReferredTo(analysis, sentence, subject[1] ?? '') : undefined;
  return subject && role ? `The ${role} will ${text.slice(subject[0].length)}` : text;
}

/** Every clause of the call that could be an item, with what the detector reads about it. */
export function actionCandidates(analysis: Analysis): ActionCandidate[] {
  const contexts = turnContexts(analysis);
  const lastTurn = Math.max(1, analysis.turns.length - 1);

  const candidates: ActionCandidate[] = [];
  for (const sentence of analysis.sentences) {
    if (sentence.role === 'unknown') continue;
    const clauses = clausesOf(sentence.text);
    const pieces =
      clauses.length > 1 ? clauses : sentence.text.split(/\s+/).length >= 3 ? [sentence.text] : [];
    const { reply = '', asked = '', ahead = '' } = contexts[sentence.turn] ?? {};
    pieces.forEach((clause, position) => {
      const lower = clause.toLowerCase().replace(/[’‘]/g, "'");
      const text = withThingNamed(
        analysis,
        sentence,
        withSubjectNamed(analysis, sentence, itemTextOf(clause)),
      );
      const stems = itemStems(text);
      if (stems.size === 0) return;
      const agent = sentence.role === 'agent';
      const lead = lower.replace(SHORT_FILLER, '');
      const where = sentence.turn / lastTurn;
      const dense = [
        1,
        agent,
        FIRST_PERSON_FUTURE.test(lower),
        REQUEST.test(lower),
        YOU_FUTURE.test(lower),
        !agent && CUSTOMER_SELF.test(lower),
        THIRD_PARTY.test(lower),
        WILL.test(lower),
        DONE.test(lower),
        OFFER.test(lower),
        CONDITION.test(lower),
        DEED.test(lower),
        sentence.when.length > 0,
        TIME_WORD.test(lower),
        sentence.isQuestion,
        analysis.turns.length > 1 ? where : 0,
        analysis.turns.length > 1 && where > 2 / 3,
        YES.test(reply),
        NO.test(reply),
        asked.includes('?'),
        sentence.negatedStems.length > 0,
        POLICY.test(lower),
        Math.log1p(stems.size) / 3,
        pieces.length > 1,
        position / Math.max(1, pieces.length),
        agent && FIRST_PERSON_FUTURE.test(lower),
        agent && REQUEST.test(lower),
        FIRST_PERSON_FUTURE.test(lower) && DEED.test(lower),
        (FIRST_PERSON_FUTURE.test(lower) || WILL.test(lower)) &&
          (sentence.when.length > 0 || TIME_WORD.test(lower)),
        REPORTED_DONE.test(ahead),
        OFFER.test(lower) && NO.test(reply),
        sentence.isQuestion && YES.test(reply),
        Math.max(-1, Math.min(1, sentence.sentiment)),
        ON_THE_SPOT.test(lower),
        !agent && REQUEST.test(lower),
        /^(?:i|we)\b/.test(lead),
        /^you\b/.test(lead),
      ];
      const features = new Map<number, number>();
      dense.forEach((value, index) => {
        if (Number(value) !== 0) features.set(index, Number(value));
      });
      const counts = new Map<number, number>();
      const add = (key: string) => counts.set(bucketOf(key), (counts.get(bucketOf(key)) ?? 0) + 1);
      const words = wordsOf(lower);
      words.forEach((word, i) => {
        add(`w:${word}`);
        if (i + 1 < words.length) add(`b:${word} ${words[i + 1]}`);
      });
      const [first, second] = wordsOf(lead);
      if (first) add(`l1:${first}`);
      if (second) add(`l2:${first} ${second}`);
      add(`r:${sentence.role}`);
      for (const word of wordsOf(reply).slice(0, 3)) add(`n:${word}`);
      // A word said three times is no more an item than one said twice.
      for (const [bucket, count] of counts) features.set(bucket, Math.min(count, 2) / 2);
      candidates.push({ sentence, clause, text, stems, features });
    });
  }
  return candidates;
}

export const actionScore = logistic;

// --- The model and the items ----------------------------------------------------------------------

export const actionModelSchema = z.object({
  trainedOn: z.array(z.string()),
  calls: z.number().int().positive(),
  l2: z.number(),
  iterations: z.number().int().positive(),
  /** Clauses scoring at least this become items. */
  threshold: z.number().min(0).max(1),
  features: z.literal(ACTION_FEATURES),
  weights: z.array(z.number()).length(ACTION_FEATURES),
});
export type ActionModel = z.infer<typeof actionModelSchema>;

// Checked on first use, not at import: the trainer imports this module to write a new file.
let model: ActionModel | undefined;
export const trainedActionModel = () => (model ??= actionModelSchema.parse(trainedModel));

const ASKS_THE_OTHER_SIDE =
  /\b(?:can you|could you|would you|will you|please|you(?:'ll| will|'d)? (?:also |still |just |then |first )?(?:need|have) to|make sure|you should|remember to|don't forget|i need you to|if you could)\b/;

/** "Reply by the end of the month", "send us the photos": a clause that opens with a bare deed tells the listener to do it. */
const IMPERATIVE =
  /^(?:send|reply|respond|email|e-mail|text|upload|return|bring|sign|fill out|fill in|restart|reboot|unplug|plug|mail|drop|print|scan|attach|forward|log in|sign in|go to|click|open|update|confirm|pay|keep|take|check|call us|give us|let us know)\b/;

/** The agent asking the customer to do something makes it the customer's; the customer asking, the agent's. */
function ownerOf(candidate: ActionCandidate): ActionItem['owner'] {
  const { role } = candidate.sentence;
  const clause = candidate.clause.toLowerCase().replace(/[’‘]/g, "'");
  const asks = ASKS_THE_OTHER_SIDE.test(clause) || IMPERATIVE.test(clause.replace(LEADING_FILLER, ''));
  if (role === 'agent') return asks ? 'customer' : 'agent';
  if (role === 'customer') return asks ? 'agent' : 'customer';
  return null;
}

/** "Do that next week", "send them over": a deed named by pronouns and times alone says nothing checkable. */
const PRONOUNS_AND_TIMES =
  /\b(?:it|that|this|them|those|these|one|him|her|do|get|send|over|back|again|today|tomorrow|tonight|next|this|week|month|morning|afternoon|evening|later|soon|then|on|by|in|at|the|a|to|and|before|after|end|of|day|monday|tuesday|wednesday|thursday|friday|saturday|sunday|\d+\w*)\b/gi;
const isVague = (text: string) =>
  text.replace(PRONOUNS_AND_TIMES, ' ').replace(/[^\p{L}]+/gu, '').length === 0;

/**
 * Items are read by someone who was not on the call: the speaker's "I" and "you" become who they are
 * ("I booked the technician" → "The agent booked the technician", "email you" → "email the customer").
 */
function displayText(candidate: ActionCandidate): string {
  const speaker = candidate.sentence.role === 'agent' ? 'agent' : 'customer';
  const listener = speaker === 'agent' ? 'customer' : 'agent';
  const text = ` ${candidate.text} `
    .replace(/ I am /g, ` the ${speaker} is `)
    .replace(/ I have /g, ` the ${speaker} has `)
    .replace(/ I /g, ` the ${speaker} `)
    .replace(/ my /gi, ` the ${speaker}'s `)
    .replace(/ our /gi, ' the ')
    .replace(/ your /gi, ` the ${listener}'s `)
    .replace(/ you(?=[ ,.])/gi, ` the ${listener}`)
    .trim();
  return (text.charAt(0).toUpperCase() + text.slice(1)).slice(0, 300);
}

/** The clauses scoring at least the threshold, the likeliest kept when two say the same thing, in the order said. */
function chooseItems(
  candidates: readonly ActionCandidate[],
  trained: Pick<ActionModel, 'weights' | 'threshold'>,
): ActionCandidate[] {
  const chosen: ActionCandidate[] = [];
  const scored = candidates
    .map((candidate) => ({ candidate, score: actionScore(trained.weights, candidate.features) }))
    .filter(({ score }) => score >= trained.threshold)
    .sort((left, right) => right.score - left.score);
  for (const { candidate } of scored) {
    if (chosen.length >= MAX_ITEMS) break;
    if (!chosen.some((kept) => dice(kept.stems, candidate.stems) >= SAME_ITEM)) chosen.push(candidate);
  }
  return chosen.sort(
    (left, right) => left.sentence.turn - right.sentence.turn || left.sentence.index - right.sentence.index,
  );
}

/**
 * The items with `item` first unless one of them already says the same: the summary's items must hold
 * what its outcome says keeps the call open.
 */
export function withItem(items: readonly ActionItem[], item: ActionItem): ActionItem[] {
  const stems = itemStems(item.text);
  if (items.some((kept) => dice(itemStems(kept.text), stems) >= SAME_ITEM)) return [...items];
  return [item, ...items].slice(0, MAX_ITEMS);
}

/** The promises and requests for after the call, as the summary's action items. */
export function learnedActionItems(
  analysis: Analysis,
  trained: Pick<ActionModel, 'weights' | 'threshold'> = trainedActionModel(),
): ActionItem[] {
  return actionItemsOf(analysis, actionCandidates(analysis), trained);
}

export function actionItemsOf(
  analysis: Analysis,
  candidates: readonly ActionCandidate[],
  trained: Pick<ActionModel, 'weights' | 'threshold'>,
): ActionItem[] {
  return (
    chooseItems(candidates, trained)
      .filter((candidate) => !isVague(candidate.text))
      // The model reads three turns ahead; a recap at the end of the call can still report the deed done.
      .filter(
        (candidate) =>
          !(
            candidate.sentence.role === 'agent' &&
            ownerOf(candidate) === 'agent' &&
            recappedLater(analysis, candidate.sentence.turn, candidate.text)
          ),
      )
      .map((candidate) => ({
        text: displayText(candidate),
        owner: ownerOf(candidate),
        due: dueOf(candidate.sentence),
      }))
  );
}
