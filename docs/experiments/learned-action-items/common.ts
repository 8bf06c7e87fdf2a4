import { readFileSync } from 'node:fs';
import { tokenOverlap } from '../../../server/summaries/engine/evaluation/score';

/** The 11 sets the experiment trained on (the shipped trainer now reads evaluation/fixtures.ts's TRAINING_SETS). */
export const OLDER_SETS = ['heldout', 'heldout-fresh', 'heldout-unseen', 'heldout-final', 'heldout-blind', 'heldout-last', 'heldout-next', 'heldout-extra', 'heldout-more', 'heldout-tenth', 'dev'];

export interface S { turn: number; index: number; role: string; text: string; lower: string; stems: string[]; negatedStems: string[]; sentiment: number; when: string[]; isQuestion: boolean }
export interface Call { set: string; name: string; labels: string[]; outcome: string; turns: number; rules: Array<{ text: string; owner: string; turn: number }>; sentences: S[] }
export const loadCache = (): Call[] => JSON.parse(readFileSync(new URL('./cache.json', import.meta.url), 'utf8'));

const FILLER = /^(?:(?:so|okay|ok|and|also|great|perfect|alright|all right|then|well|sure|absolutely|yes|yeah|yep|got it|thanks|thank you|no problem|of course|done|understood|fine|good|right|wonderful|excellent|first|second|next|finally|lastly|plus|um|uh|oh|now|but|look|listen|honestly|basically|anyway|cool|awesome|certainly|definitely)[,!.:]?\s+)+/;
const SUBJECT = /^(?:i'll|i will|i'm going to|i am going to|i'm gonna|we'll|we will|we're going to|we are going to|let me|i can|we can|i need to|i have to|i'd like to|i want to|you'll need to|you will need to|you'll want to|you need to|you'll|you will|can you|could you|would you|will you|please|you should|you can|you'd need to|i should|i'd|i would|i'll just|i'll go ahead and|i will go ahead and|go ahead and|just|make sure you|remember to|don't forget to)\s+/;
const NOISE = /\b(?:just|actually|really|definitely|right away|right now|as well|for you|go ahead and|basically|probably|also|okay|um|uh|sure)\b/g;

const UNITS = 'zero one two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen sixteen seventeen eighteen nineteen'.split(' ');
const TENS = ['', '', 'twenty', 'thirty', 'forty', 'fifty', 'sixty', 'seventy', 'eighty', 'ninety'];
const ORD: Record<string, number> = { first: 1, second: 2, third: 3, fourth: 4, fifth: 5, sixth: 6, seventh: 7, eighth: 8, ninth: 9, tenth: 10, eleventh: 11, twelfth: 12, thirteenth: 13, fourteenth: 14, fifteenth: 15, sixteenth: 16, seventeenth: 17, eighteenth: 18, nineteenth: 19, twentieth: 20, thirtieth: 30 };
const suffix = (n: number) => (n % 10 === 1 && n !== 11 ? 'st' : n % 10 === 2 && n !== 12 ? 'nd' : n % 10 === 3 && n !== 13 ? 'rd' : 'th');
/** "forty-eight hours" → "48 hours", "the ninth" → "the 9th" (labels write figures). */
export function figures(t: string): string {
  const unit = (w: string) => UNITS.indexOf(w);
  t = t.replace(/\b(twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety)[- ](first|second|third|fourth|fifth|sixth|seventh|eighth|ninth)\b/g, (_, a, b) => { const n = TENS.indexOf(a) * 10 + ORD[b]!; return `${n}${suffix(n)}`; });
  t = t.replace(/\b(twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety)(?:[- ](one|two|three|four|five|six|seven|eight|nine))?\b/g, (_, a, b) => String(TENS.indexOf(a) * 10 + (b ? unit(b) : 0)));
  t = t.replace(/\b(?:the )?(first|second|third|fourth|fifth|sixth|seventh|eighth|ninth|tenth|eleventh|twelfth|thirteenth|fourteenth|fifteenth|sixteenth|seventeenth|eighteenth|nineteenth|twentieth|thirtieth)\b(?=\s*(?:of|$|,|\.|\s(?:at|between|from|in the|morning|afternoon)))/g, (m, a) => { const n = ORD[a]!; return `${m.startsWith('the') ? 'the ' : ''}${n}${suffix(n)}`; });
  t = t.replace(/\b(one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen)\b/g, (w) => String(unit(w)));
  return t;
}

/** A sentence or clause rewritten as a short item text. */
export function normalise(text: string): string {
  let t = text.toLowerCase().replace(/[’‘]/g, "'").trim();
  for (let i = 0; i < 3; i += 1) t = t.replace(FILLER, '').replace(SUBJECT, '');
  t = t.replace(NOISE, ' ').replace(/[?!.]+$/, '');
  if (process.env.CLEAN !== '0') t = figures(t.replace(/'(?:ll|re|ve|m|d)\b/g, '').replace(/\b(?:going to|gonna|please|me|kindly|do|does|n't)\b|n't\b/g, ' '));
  t = t.replace(/\s+/g, ' ').trim();
  return t ? t[0]!.toUpperCase() + t.slice(1) : t;
}

/** Clauses of a sentence: split on coordinators and punctuation that join separate deeds. */
export function clauses(text: string): string[] {
  return text
    .split(/(?:,\s*(?:and|so|but|then)\s+|;\s*|\s+and then\s+|,\s*then\s+|\s+—\s+|\s+-\s+|:\s+|,\s*(?:which|once|after|before|when)\s+)/i)
    .map((c) => c.trim())
    .filter((c) => c.split(/\s+/).length >= 3);
}

const cache = new Map<string, number>();
export function overlap(a: string, b: string): number {
  const key = a + '\u0000' + b;
  let v = cache.get(key);
  if (v === undefined) { v = tokenOverlap(a, b); cache.set(key, v); }
  return v;
}
