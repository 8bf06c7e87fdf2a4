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
  'still not',
  'still nothing',
  "doesn't help",
  'not good enough',
  'beyond',
  'lied',
  'rude',
  'dismissive',
];
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
];

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
  const text = sentence.lower;
  let score = 0;
  let cues = 0;
  if (includesAny(text, NEGATIVE)) {
    score -= 0.7;
    cues += 1;
  }
  if (includesAny(text, STRONG_POSITIVE) && !/\bnot (?:great|perfect|easy|quick|happy)/.test(text)) {
    score += 0.7;
    cues += 1;
  }
  if (includesAny(text, RESIGNED)) {
    score -= 0.25;
    cues += 1;
  }
  // A one-word "Fine." or "No." at the close is curt, not content.
  if (/^(?:fine|no|nope|whatever)[.!]?$/.test(text)) {
    score -= text.startsWith('no') ? 0.1 : 0.5;
    cues += 1;
  }
  if (cues === 0 && includesAny(text, POLITE)) return { score: 0.15, informative: false };
  if (cues === 0)
    return {
      score: Math.max(-0.6, Math.min(0.6, sentence.sentiment * 0.6)),
      informative: Math.abs(sentence.sentiment) >= 0.2,
    };
  return { score, informative: true };
}

export function endOfCallSentiment(analysis: Analysis): SentimentResult {
  const customer = analysis.sentences.filter((sentence) => sentence.role === 'customer');
  if (customer.length === 0) return { label: 'neutral', score: 0 };
  // The closing stretch: the last third of what the customer said, at least four and at most ten sentences.
  const take = Math.min(10, Math.max(4, Math.ceil(customer.length / 3)));
  const closing = customer.slice(-take);
  let weighted = 0;
  let weights = 0;
  closing.forEach((sentence, index) => {
    const { score, informative } = sentenceScore(sentence);
    // The last words weigh most: how the customer leaves is what the label asks for.
    const position = closing.length === 1 ? 1 : index / (closing.length - 1);
    const weight = (informative ? 1 : 0.3) * (1 + 2 * position * position);
    weighted += weight * score;
    weights += weight;
  });
  const score = Math.max(-1, Math.min(1, weighted / weights));
  const label: SentimentLabel = score >= 0.25 ? 'positive' : score <= -0.15 ? 'negative' : 'neutral';
  return { label, score: Math.round(score * 100) / 100 };
}
