import type { SentimentLabel } from '../../../contract/summary';
import { includesAny, type Analysis, type Sentence } from './analysis';

/**
 * The customer's sentiment by the END of the call: their last few sentences, latest weighted most.
 * wink's lexicon score is the base; contact-center phrases it reads wrongly are corrected here
 * ("ok" and a plain "thanks" are politeness, not joy; "fine." and "whatever" are not agreement).
 */

const STRONG_POSITIVE = [
  'thanks so much',
  'thank you so much',
  'thanks a lot',
  'thank you very much',
  'really appreciate',
  'i appreciate',
  'appreciate it',
  'very helpful',
  'really helpful',
  'so helpful',
  'been helpful',
  'great',
  'perfect',
  'awesome',
  'wonderful',
  'fantastic',
  'excellent',
  'amazing',
  'relief',
  // Relief in the customer's own words: "I feel a lot better just talking about it".
  'feel better',
  'feel a lot better',
  'feel so much better',
  'feel much better',
  'excited',
  'smooth',
  'easy',
  'painless',
  'love',
  'happy with',
  'glad',
  'lifesaver',
  'brilliant',
  'you rock',
  'quick',
  'kind of you',
];
const POLITE = [
  'thanks',
  'thank you',
  'ok',
  'okay',
  'alright',
  'all right',
  'sure',
  'got it',
  'sounds good',
  'bye',
  'goodbye',
  'cheers',
  'good to know',
  'that makes sense',
];
const NEGATIVE = [
  'not happy',
  'unhappy',
  'disappointed',
  'frustrat',
  'annoy',
  'useless',
  'ridiculous',
  'terrible',
  'awful',
  'worst',
  'whatever',
  'fed up',
  'waste',
  'wasted',
  'unacceptable',
  'complain',
  'a review',
  'angry',
  'upset',
  'horrible',
  'pathetic',
  'joke',
  'never again',
  'make sure someone actually',
  'believe it when',
  'just get me',
  'still not',
  'still nothing',
  "doesn't help",
  'not good enough',
  'beyond',
  'lied',
  'rude',
  'dismissive',
  'unbelievable',
  'forget it',
  "can't believe",
  'still broken',
  // Threats to leave and grudging concessions.
  "i'm done with",
  "we're done with",
  'yeah, well',
];
/**
 * Praise under a negation: "I don't love it", "not very helpful". Only adverbs in between: "never been
 * so happy" is praise.
 */
const NEGATED_PRAISE =
  /(?:\bnot|n't|\bnever)\s+(?:(?:very|really|too|that|so|all|exactly|particularly)\s+){0,2}(?:love|happy|great|helpful|easy|glad|impressed|thrilled)\b/;
/** Disappointment said without a negative word: "not the morning I wanted", "whether I'm keeping this". */
const NEGATIVE_PATTERNS = [
  /\bnot (?:the \w+|what) (?:i|we) (?:wanted|expected|hoped for|paid for|asked for)\b/,
  /\bwhether (?:i'm|i am|we're|we are|i|we|to) (?:keep|keeping|stay|staying)\b/,
  NEGATED_PRAISE,
  // Doubt about the deal itself: "I'll have to think about whether it's worth it".
  /\bwhether (?:it's|it is|this is|that's|it'd be|it would be) (?:worth|right for)\b/,
];
/**
 * Praise that means the opposite ("I'm sure that'll keep them up at night", "can't wait to take a
 * third morning off"): it counts as a grievance, and the thanks said with it are not warm.
 */
const SARCASM = [
  "i'm sure that'll",
  "i'm sure that will",
  "can't wait to",
  'absolute delight',
  'what a delight',
  'thanks for nothing',
  'yeah, right',
  'oh joy',
  'lucky me',
  'just what i needed',
  'love that for me',
  'thanks for finally',
  'thank you for finally',
];
/**
 * A bare "Great." or "Oh, perfect." followed in the same turn by a "So I…" consequence is sarcasm:
 * "Great. So I get to type 40 lines by hand."
 */
const BARE_PRAISE = /^(?:oh,? |well,? )?(?:great|perfect|wonderful|fantastic|awesome|lovely|brilliant)[.!]*$/;
/** The burden the praise mocks; "Great. So I'll see him Tuesday?" is sincere. */
const CONSEQUENCE =
  /^so (?:i|we) (?:get to|have to|need to|might|may|just|guess|lose|lost|pay|wait|still|'ve got|have got)\b|^so (?:i'm|we're|i've|we've) (?:stuck|out|got|lost|paying|waiting|still)\b/;
/** Resignation or doubt: not angry, not pleased either. */
const RESIGNED = [
  'i guess',
  'hopefully',
  'i hope',
  'we will see',
  "we'll see",
  'a little',
  'if you say so',
  'i suppose',
  'kind of',
  'a bit more than',
  'it is what it is',
  "it's what it is",
];
/** "I appreciate you trying, I guess": praise or thanks taken back in the same breath. */
const HEDGED = /\b(?:i guess|i suppose)\b/;
/** Thanks given "anyway": the help did not help. */
const GRUDGING_THANKS = /\b(?:thanks|thank you)\b.*\banyway\b/;
/** After "but", the clause that follows is what the speaker means ("annoyed at first, but you've been great"). */
const CONTRAST = /\S,? but (\S.*)$/;

/** "Great." or "Okay, perfect." on its own acknowledges; it is not delight. */
const ACKNOWLEDGEMENT =
  /^(?:(?:oh|ok|okay|alright|all right|yes|yeah|great|perfect|awesome|cool|good|nice|wonderful|excellent|fine|sure)[,.!\s]*){1,3}$/;
/** "Perfect, that's all I needed." closes the call; without the closing it is a bare acknowledgement. */
const CLOSING_FORMULA =
  /[,.!\s]*(?:that's|that is|that was) (?:all|everything|it)(?: i (?:needed|wanted|had))?(?: for (?:now|today))?[.!]*$/;
/** Thanks made warm by an intensifier or an exclamation: "Thanks for explaining it so clearly!" */
const WARM_THANKS =
  /\b(?:thanks|thank you)\b.*(?:\b(?:so|really|very|such|seriously|truly)\b|!)|\b(?:seriously|truly|honestly),? (?:thanks|thank you)\b/;
/**
 * "I was starting to think I'd wasted three hundred bucks", "I was dreading this call": a worry told
 * in the past is relief that it is over, not a grievance.
 */
const PAST_WORRY =
  /\bi (?:was|'d been|had been) (?:starting to think|beginning to think|worried|afraid|scared|dreading|so worried|really worried)\b|\bi thought (?:i'd|i had|i was going to|we'd|we were going to)\b/;
const DECLINE = /^(?:no|nope|nah|no thanks|no thank you|not now|maybe later|i'm good|we're good)\b/;
const OFFER =
  /\b(?:would you like|do you want|want me to|should i|can i offer|i can offer|i could|how about|interested in)\b/;
/** Grievances voiced during the call colour a curt ending: "No." after "he was rude" is not neutral. */
const GRIEVANCES_THAT_LINGER = 2;
const LINGERING_GRIEVANCE = 0.2;
/** The least a warm goodbye scores: enough for "positive". */
const WARM_GOODBYE = 0.3;

export interface SentimentResult {
  label: SentimentLabel;
  score: number;
}

interface Scored {
  score: number;
  /** Fillers ("No, that's it.") say little about how the customer feels. */
  informative: boolean;
}

function sentenceScore(sentence: Sentence): Scored {
  const whole = sentence.lower;
  if (includesAny(whole, SARCASM)) return { score: -0.7, informative: true };
  if (PAST_WORRY.test(whole)) return { score: 0, informative: false };
  // The mood after "but" is the one the customer means ("annoyed at first, but you've been great"),
  // when that clause carries one; wink's lexicon score covers the whole sentence, so it is left out.
  const after = CONTRAST.exec(whole)?.[1];
  if (after) {
    const turned = textScore(after, 0);
    if (turned.informative) return turned;
  }
  return textScore(whole, sentence.sentiment);
}

function textScore(text: string, lexicon: number): Scored {
  let score = 0;
  let cues = 0;
  if (includesAny(text, NEGATIVE) || NEGATIVE_PATTERNS.some((pattern) => pattern.test(text))) {
    score -= 0.7;
    cues += 1;
  }
  // The praise word of "I don't love it" is no praise; thanks hedged with "I guess" are grudging.
  if (
    includesAny(text, STRONG_POSITIVE) &&
    !/\bnot (?:great|perfect|easy|quick|happy)/.test(text) &&
    !NEGATED_PRAISE.test(text) &&
    !HEDGED.test(text) &&
    !ACKNOWLEDGEMENT.test(text.replace(CLOSING_FORMULA, ''))
  ) {
    score += 0.7;
    cues += 1;
  }
  // "kind of" hedges ("kind of slow"), but "kind of you" thanks.
  if (
    includesAny(text.replace(/\bkind of you\b/g, ''), RESIGNED) ||
    GRUDGING_THANKS.test(text) ||
    HEDGED.test(text) ||
    /\bi (?:just|really|only) hope\b/.test(text)
  ) {
    score -= 0.25;
    cues += 1;
  }
  // A one-word "Fine." or "No." at the close is curt, not content.
  if (/^(?:fine|no|nope|whatever)[.!]?$/.test(text)) {
    score -= text.startsWith('no') ? 0.1 : 0.5;
    cues += 1;
  }
  if (cues === 0 && WARM_THANKS.test(text)) return { score: 0.7, informative: true };
  if (cues === 0 && (includesAny(text, POLITE) || ACKNOWLEDGEMENT.test(text)))
    return { score: 0.15, informative: false };
  // "Well." or "Goodnight." on its own: wink's lexicon reads a mood into words that carry none.
  if (cues === 0 && text.split(/\s+/).length <= 2) return { score: 0, informative: false };
  if (cues === 0)
    return {
      score: Math.max(-0.6, Math.min(0.6, lexicon * 0.6)),
      informative: Math.abs(lexicon) >= 0.2,
    };
  return { score, informative: true };
}

/** Turning down an offer ("nah, we're good") answers the offer; it says nothing about the mood. */
function declinesOffer(analysis: Analysis, sentence: Sentence): boolean {
  if (sentence.index !== 0 || !DECLINE.test(sentence.lower)) return false;
  for (let turn = sentence.turn - 1; turn >= 0; turn -= 1) {
    const previous = analysis.byTurn[turn] ?? [];
    if (previous[0]?.role === 'agent') return previous.some((said) => OFFER.test(said.lower));
  }
  return false;
}

/** A last turn this short ("You too, bye.", "obrigada!! 😊") is a sign-off: the turn before it is the goodbye. */
const SIGN_OFF_WORDS = 6;

/**
 * "I'm sorry I couldn't fix it today." "Fantastic.": praise that answers bad news, or the agent
 * acknowledging a grievance ("I understand."), mocks it.
 */
const BAD_NEWS =
  /\b(?:sorry|afraid|unfortunately)\b.*\b(?:can't|cannot|couldn't|could not|not able|unable|don't have|no way|isn't|won't|would be the same)\b|^(?:i understand|i hear you|i get it)(?: the frustration| how frustrating that is)?[.!]?$/;

function answersBadNews(analysis: Analysis, sentence: Sentence): boolean {
  if (sentence.index !== 0) return false;
  const before = analysis.byTurn[sentence.turn - 1] ?? [];
  return before[0]?.role === 'agent' && before.some((said) => BAD_NEWS.test(said.lower));
}

/** Turns where the customer praises sarcastically (see SARCASM, BARE_PRAISE, BAD_NEWS). */
function sarcasticTurns(analysis: Analysis, customer: readonly Sentence[]): Set<number> {
  const turns = new Set<number>();
  customer.forEach((sentence, position) => {
    if (includesAny(sentence.lower, SARCASM)) turns.add(sentence.turn);
    const next = customer[position + 1];
    if (
      BARE_PRAISE.test(sentence.lower) &&
      ((next?.turn === sentence.turn && CONSEQUENCE.test(next.lower)) || answersBadNews(analysis, sentence))
    )
      turns.add(sentence.turn);
  });
  return turns;
}

/**
 * Warm thanks in the customer's last turn ("Thank you so much, you saved my morning") is how they
 * leave, whatever worry came before it, unless the same turn complains or is sarcastic.
 */
function leavesWarmly(customer: readonly Sentence[], sarcastic: ReadonlySet<number>): boolean {
  const lastTurn = customer.at(-1)?.turn;
  const last = customer.filter((sentence) => sentence.turn === lastTurn);
  const words = last.reduce((count, sentence) => count + sentence.lower.split(/\s+/).length, 0);
  const previousTurn = customer.findLast((sentence) => sentence.turn !== lastTurn)?.turn;
  const goodbye =
    words <= SIGN_OFF_WORDS && previousTurn !== undefined
      ? customer.filter((sentence) => sentence.turn === lastTurn || sentence.turn === previousTurn)
      : last;
  // Worry told in the past ("I'd been dreading this call") does not undo the thanks; a grievance does.
  const unhappy = goodbye.some(
    (sentence) =>
      sarcastic.has(sentence.turn) ||
      (!PAST_WORRY.test(sentence.lower) &&
        (includesAny(sentence.lower, NEGATIVE) ||
          NEGATIVE_PATTERNS.some((pattern) => pattern.test(sentence.lower)))),
  );
  return !unhappy && goodbye.some((sentence) => sentenceScore(sentence).score >= 0.5);
}

export function endOfCallSentiment(analysis: Analysis): SentimentResult {
  const customer = analysis.sentences.filter((sentence) => sentence.role === 'customer');
  if (customer.length === 0) return { label: 'neutral', score: 0 };
  // The closing stretch: the last third of what the customer said, at least four and at most ten sentences.
  const sarcastic = sarcasticTurns(analysis, customer);
  const moodOf = (sentence: Sentence): Scored => {
    // "I appreciate you listening. But honestly, I'll believe it when I see it.": as within a sentence,
    // the mood after "but" is the one meant, when it turns the mood around.
    const next = customer[customer.indexOf(sentence) + 1];
    const turned =
      next?.turn === sentence.turn && /^but\b/.test(next.lower) ? sentenceScore(next) : undefined;
    if (turned?.informative && turned.score * sentenceScore(sentence).score < 0)
      return { score: 0, informative: false };
    const scored =
      BARE_PRAISE.test(sentence.lower) && sarcastic.has(sentence.turn)
        ? { score: -0.7, informative: true }
        : sentenceScore(sentence);
    // Thanks said in the same breath as sarcasm are a formality, not warmth.
    const own =
      sarcastic.has(sentence.turn) && scored.score > 0 ? { score: 0.15, informative: false } : scored;
    // A decline that also thanks warmly ("no thanks, you're a lifesaver!") still counts as warm.
    return own.score < 0.5 && declinesOffer(analysis, sentence) ? { score: 0, informative: false } : own;
  };
  let take = Math.min(10, Math.max(4, Math.ceil(customer.length / 3)));
  // "Fantastic. Great product." "Yeah. Okay. Bye.": politeness after sarcasm or a grievance is curt,
  // so a closing of bare politeness reaches back to a grievance just before it.
  const aggrieved = (sentence: Sentence) =>
    (sarcastic.has(sentence.turn) && moodOf(sentence).score < 0) ||
    includesAny(sentence.lower, NEGATIVE) ||
    NEGATIVE_PATTERNS.some((pattern) => pattern.test(sentence.lower));
  const bland = (sentences: readonly Sentence[]) =>
    !sentences.some((sentence) => moodOf(sentence).informative);
  if (bland(customer.slice(-take))) {
    const reach = customer.slice(-10).findLastIndex(aggrieved);
    if (reach !== -1 && bland(customer.slice(-10).slice(reach + 1))) take = Math.max(take, 10 - reach);
  }
  const closing = customer.slice(-take);
  let weighted = 0;
  let weights = 0;
  let warm = false;
  closing.forEach((sentence, index) => {
    const { score, informative } = moodOf(sentence);
    if (score >= 0.5) warm = true;
    // The last words weigh most: how the customer leaves is what the label asks for.
    const position = closing.length === 1 ? 1 : index / (closing.length - 1);
    const weight = (informative ? 1 : 0.3) * (1 + 2 * position * position);
    weighted += weight * score;
    weights += weight;
  });
  // Sarcasm is a grievance too: "Fantastic." after bad news colours the curt goodbye that follows.
  const grievances =
    customer.filter((sentence) => includesAny(sentence.lower, NEGATIVE)).length + sarcastic.size;
  const lingering = !warm && grievances >= GRIEVANCES_THAT_LINGER ? LINGERING_GRIEVANCE : 0;
  const closingScore = Math.max(-1, Math.min(1, weighted / weights - lingering));
  const score = leavesWarmly(customer, sarcastic) ? Math.max(closingScore, WARM_GOODBYE) : closingScore;
  const label: SentimentLabel = score >= 0.25 ? 'positive' : score <= -0.15 ? 'negative' : 'neutral';
  return { label, score: Math.round(score * 100) / 100 };
}
