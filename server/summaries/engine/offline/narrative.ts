import type { ActionItem, OutcomeStatus } from '../../../contract/summary';
import type { Analysis, Sentence } from './analysis';
import type { OutcomeResult } from './outcome';

/**
 * The prose fields, built from the call's own sentences (the offline summarizer does not write new
 * text): why the customer called, what the agent did, offers made and declined, what was promised.
 */

const SMALL_TALK =
  /^(?:hi|hello|hey|yes|yeah|yep|ok|okay|good (?:morning|afternoon|evening)|thanks|thank you|sure|great|this is|my name is|it's|it is)\b/;
const GREETING_PREFIX =
  /^(?:(?:hi|hello|hey|yeah|yes|oh|um|uh|so|well|okay|ok)(?: there)?(?: [A-Z][a-z]+)?[,.!]?\s+)+/i;
const OFFER =
  /\b(?:would you like|would you be interested|are you interested|do you want me to|can i offer|i can offer|i could offer|how about|we also have|i can also)\b/;
const ACCEPT = /^(?:yes|yeah|yep|sure|ok|okay|let's do|lets do|that works|sounds good|perfect|great)\b/;
const DECLINE = /^(?:no|nope|nah|not now|no thanks|no thank you|maybe later|i'll pass)\b/;
const DID = /(?:^|[,.] )(?:i've|i have|we've|we have|i just) (?!been|got|had|seen)[a-z]+/;

function clip(text: string, max: number): string {
  return text.length <= max ? text : `${text.slice(0, max - 1).replace(/\s+\S*$/, '')}…`;
}

function toThirdPerson(text: string): string {
  return ` ${text} `
    .replace(/ I'm /g, ' they are ')
    .replace(/ I am /g, ' they are ')
    .replace(/ I've /g, ' they have ')
    .replace(/ I'd /g, ' they would ')
    .replace(/ I'll /g, ' they will ')
    .replace(/ I was /g, ' they were ')
    .replace(/ I /g, ' they ')
    .replace(/ my /gi, ' their ')
    .replace(/ me /g, ' them ')
    .replace(/ myself /g, ' themselves ')
    .trim();
}

function agentToThirdPerson(text: string): string {
  return ` ${text} `
    .replace(/ your /gi, " the customer's ")
    .replace(/ you /gi, ' the customer ')
    .replace(/ you\./gi, ' the customer.')
    .trim();
}

function issueSentence(analysis: Analysis): Sentence | undefined {
  const customer = analysis.sentences.filter((sentence) => sentence.role === 'customer').slice(0, 8);
  const substantive = customer.filter((sentence) => {
    const words = sentence.text.split(/\s+/).length;
    return words >= 5 && !(SMALL_TALK.test(sentence.lower) && words < 8);
  });
  return (
    substantive.find((sentence) => /\b(?:i|my|we|our|me)\b/.test(sentence.lower)) ??
    substantive[0] ??
    customer[0]
  );
}

export function reasonOf(analysis: Analysis): string {
  const sentence = issueSentence(analysis);
  if (!sentence) return 'The customer contacted the company; the transcript does not say why.';
  const text = sentence.text.replace(GREETING_PREFIX, '').replace(/[.!]+$/, '');
  const lower = text.toLowerCase();
  let reason: string;
  if (lower.startsWith("i'm calling ") || lower.startsWith('i am calling '))
    reason = `The customer called ${toThirdPerson(text.replace(/^I(?:'m| am) calling /i, ''))}`;
  else if (sentence.isQuestion) reason = `The customer asked: ${text}`;
  else if (/^(?:i|my|we|our)\b/i.test(text))
    reason = `The customer said ${toThirdPerson(text.charAt(0) === 'I' ? text : text.charAt(0).toLowerCase() + text.slice(1))}`;
  else reason = `The customer said: ${text}`;
  reason = clip(reason.replace(/\s+/g, ' '), 300);
  return /[.?!…]$/.test(reason) ? reason : `${reason}.`;
}

interface KeyPointInput {
  analysis: Analysis;
  /** The summary's action items: the first two are the next steps. */
  actionItems: readonly ActionItem[];
}

export function keyPointsOf({ analysis, actionItems }: KeyPointInput): string[] {
  const points: string[] = [];
  const add = (text: string) => {
    const clean = clip(text.replace(/\s+/g, ' ').trim(), 300);
    if (clean && !points.some((point) => point.toLowerCase() === clean.toLowerCase())) points.push(clean);
  };

  const issue = issueSentence(analysis);
  if (issue) add(`Customer: ${issue.text}`);

  // Offers and what the customer said to them.
  analysis.byTurn.forEach((sentences, turn) => {
    if (sentences[0]?.role !== 'agent') return;
    const offer = sentences.find((sentence) => OFFER.test(sentence.lower));
    if (!offer) return;
    const reply = analysis.byTurn.slice(turn + 1).find((next) => next[0]?.role === 'customer')?.[0];
    if (!reply) return;
    if (DECLINE.test(reply.lower)) add(`Customer declined an offer: ${agentToThirdPerson(offer.text)}`);
    else if (ACCEPT.test(reply.lower)) add(`Customer accepted an offer: ${agentToThirdPerson(offer.text)}`);
  });

  // What the agent did on the call.
  const done = analysis.sentences.filter(
    (sentence) => sentence.role === 'agent' && !sentence.isQuestion && DID.test(sentence.lower),
  );
  for (const sentence of done.slice(0, 2)) add(`Agent: ${agentToThirdPerson(sentence.text)}`);

  for (const item of actionItems.slice(0, 2))
    add(
      `Next step: ${item.text}${item.due && !item.text.toLowerCase().includes(item.due.toLowerCase()) ? ` (${item.due})` : ''}`,
    );

  if (points.length < 2) {
    const customer = analysis.sentences.filter(
      (sentence) => sentence.role === 'customer' && sentence.text.split(/\s+/).length >= 4,
    );
    const fallback = customer.at(-1) ?? analysis.sentences.at(-1);
    if (fallback) add(`${fallback.role === 'agent' ? 'Agent' : 'Customer'}: ${fallback.text}`);
  }
  if (points.length < 2)
    add(`The conversation had ${analysis.turns.length} turn${analysis.turns.length === 1 ? '' : 's'}.`);
  return points.slice(0, 6);
}

export function outcomeDetailOf(status: OutcomeStatus, outcome: OutcomeResult, analysis: Analysis): string {
  if (status === 'follow_up')
    return clip(`Open until after the call: ${outcome.evidence ?? 'a follow-up was promised'}.`, 1000);
  if (status === 'unresolved')
    return clip(
      `Not resolved on the call${outcome.evidence ? `: ${agentToThirdPerson(outcome.evidence)}` : '.'}`,
      1000,
    );
  const lastDone = analysis.sentences
    .filter((sentence) => sentence.role === 'agent' && !sentence.isQuestion && DID.test(sentence.lower))
    .at(-1);
  return clip(
    lastDone
      ? `Resolved on the call: ${agentToThirdPerson(lastDone.text)}`
      : "Resolved on the call: the customer's questions were answered.",
    1000,
  );
}
