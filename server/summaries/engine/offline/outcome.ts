import type { ActionItem, OutcomeStatus } from '../../../contract/summary';
import { includesAny, type Analysis } from './analysis';
import type { Commitment } from './commitments';
import type { SentimentResult } from './sentiment';

/**
 * follow_up: something still has to happen after the call (a callback, a visit, a quote, a review).
 * unresolved: the call ended with the problem in place and nothing promised (the agent gave up, the
 * customer says it still fails, or leaves unhappy). resolved: otherwise.
 */

const AGENT_GAVE_UP = [
  "couldn't fix",
  "couldn't resolve",
  'could not resolve',
  'could not fix',
  'unable to resolve',
  'unable to fix',
  'not able to resolve',
  'not able to fix',
  'no known fix',
  "isn't a known fix",
  "there isn't a fix",
  "don't have any other",
  'run out of',
  'ran out of',
  'out of options',
  'nothing else i can',
  'not able to reproduce',
  'unable to reproduce',
  "can't reproduce",
  "sorry i couldn't",
  "i'm not able to",
  "i can't do that",
  "unfortunately i can't",
  'i cannot',
  "there's nothing",
  'no way to',
  "we don't support",
];
/**
 * "There isn't a workaround yet", "I can't tell you what they'd cover": the agent saying the answer or
 * fix is out of reach, in words the list above does not catch.
 */
const OUT_OF_REACH =
  /\b(?:(?:i|we) (?:can't|cannot|can not|am not able to|'m not able to|are not able to|'re not able to) (?:tell|check|say|see|find|fix|solve|give|look up|confirm)|there (?:isn't|is no|'s no|aren't|are no) (?:a |any )?(?:workaround|fix|solution|way)|(?:i|we) don't have (?:a |any )?(?:timeline|date|eta|fix|workaround|answer))\b/;
/** "I've refunded the delivery fee", "I've filed a report": work done on the call, which settles it. */
const AGENT_ACTED =
  /\b(?:i've|i have|we've|we have) (?:also |just |already )?(?!been\b|noted\b|tried\b|checked\b|looked\b|pulled\b|heard\b|seen\b|got\b)(?:[a-z]+ed|put|sent|set up|made)\b/;
/**
 * "I'm sorry I don't have better news", "not on our end, I'm afraid": the agent regretting what they
 * could not do for the customer.
 */
const AGENT_REGRET =
  /\b(?:sorry|afraid|unfortunately)\b[^.?!]*\b(?:couldn't|could not|can't|cannot|don't have|wasn't able|weren't able|not able)\b|\bbetter news\b|\bnot what you (?:wanted|expected|hoped|want to hear)|\bi'm afraid\b/;
/**
 * "No, I'll keep looking elsewhere. Thanks anyway.": the customer leaving with the need unmet, to
 * meet it somewhere else or not at all.
 */
const CUSTOMER_GOES_ELSEWHERE =
  /\b(?:thanks|thank you)\b[^.?!]*,? anyway\b|\bkeep looking\b|\belsewhere\b|\bsomething else (?:that|this|instead)\b|\bfigure (?:something|it) out\b|\bleaning towards?\b|\bstill comparing\b|\bshop(?:ping)? around\b|\bwhether it's worth\b|^so (?:no|nobody|nothing)\b/;
const CUSTOMER_STUCK = [
  'still not working',
  "still doesn't",
  'still nothing',
  'still the same',
  'same error',
  "didn't work",
  "doesn't work",
  'not fixed',
  'so what am i supposed',
  "so you can't",
  'no help',
  'useless',
  "still can't",
  'still broken',
  'wasted',
];

/**
 * "Quality will review them and get back to you", "AR will apply the deposit": someone else at the
 * company now has the work, so the call is open until they do it. Read from the learned items, which
 * find these promises where the promise rules do not; only the work of someone the agent hands it to,
 * since the agent's own sending of paperwork often closes a settled call. Shipping is not such work: an
 * order that ships is settled ("The loft will ship it by freight on Monday").
 */
const HANDED_ON =
  /^(?:the |our |a |an |one of the )?[\w' -]{1,30}? will (?!be\b|have\b|get an?\b|want\b|need\b|arrive\b|go\b|show\b|take\b)/i;
const FOLLOW_UP_WORK =
  /\b(?:review|get back|call|investigate|look into|issue|apply|replace|visit|come out|inspect|escalate|decide|confirm|reach out|follow up|contact|check|process|refund|credit|schedule)\b/i;

/** The item that hands the customer's issue on to someone who will act after the call, if any. */
const handedOn = (items: readonly ActionItem[]) =>
  items.find((item) => item.owner === 'agent' && HANDED_ON.test(item.text) && FOLLOW_UP_WORK.test(item.text));

export interface OutcomeResult {
  status: OutcomeStatus;
  /** The sentence that decided it, for the outcome's detail. */
  evidence?: string;
}

export function detectOutcome(
  analysis: Analysis,
  commitments: readonly Commitment[],
  sentiment: SentimentResult,
  learnedItems: readonly ActionItem[] = [],
): OutcomeResult {
  const followUp = commitments.find((item) => item.followUp);
  if (followUp) return { status: 'follow_up', evidence: followUp.text };

  const start = Math.floor(analysis.sentences.length * 0.4);
  const closing = analysis.sentences.slice(start);
  const gaveUp = closing.filter(
    (sentence) =>
      sentence.role === 'agent' &&
      (includesAny(sentence.lower, AGENT_GAVE_UP) ||
        OUT_OF_REACH.test(sentence.lower) ||
        AGENT_REGRET.test(sentence.lower)),
  );
  const stuck = closing.filter(
    (sentence) =>
      sentence.role === 'customer' &&
      (includesAny(sentence.lower, CUSTOMER_STUCK) || CUSTOMER_GOES_ELSEWHERE.test(sentence.lower)),
  );
  const signals = gaveUp.length + stuck.length;
  // A customer who leaves unhappy with nothing promised leaves with the problem still open, unless the
  // agent fixed things on the call and the customer is only still annoyed.
  const actedOnCall = analysis.sentences.filter(
    (sentence) => sentence.role === 'agent' && AGENT_ACTED.test(sentence.lower),
  ).length;
  const unhappy = sentiment.label === 'negative' && (signals > 0 || actedOnCall < 2);
  if (signals >= 2 || unhappy) {
    const lastWords = closing.filter((sentence) => sentence.role === 'customer').at(-1);
    return { status: 'unresolved', evidence: (gaveUp.at(-1) ?? stuck.at(-1) ?? lastWords)?.text };
  }
  const handedTo = handedOn(learnedItems);
  if (handedTo) return { status: 'follow_up', evidence: handedTo.text };
  return { status: 'resolved' };
}
