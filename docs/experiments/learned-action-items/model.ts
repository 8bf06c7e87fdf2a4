// Candidates, features and binary logistic regression (L2, full-batch Adam, zero init: deterministic).
import { allStems } from '../../../server/summaries/engine/offline/nlp';
import { clauses, normalise, type Call, type S } from './common';

export const BUCKETS = 2048;
export const DENSE = 40;
export const SIZE = DENSE + BUCKETS;

const IGNORED = new Set('a an the to of for and or in on at by with from this that these those it its is are be been will would can could should shall i you your we our they their he she him her them my me us as so if then than into about custom customer agent'.split(' '));
export const scoreStems = (text: string) => new Set(allStems(text.toLowerCase()).filter((s) => !IGNORED.has(s)));
export function dice(a: Set<string>, b: Set<string>): number {
  if (!a.size || !b.size) return 0;
  let n = 0; for (const x of a) if (b.has(x)) n += 1;
  return (2 * n) / (a.size + b.size);
}

export interface Cand { call: number; sentence: number; turn: number; raw: string; text: string; stems: Set<string>; f: Map<number, number>; y: number; best: number[]; p: number }

function bucket(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i += 1) h = Math.imul(h ^ text.charCodeAt(i), 0x01000193);
  return DENSE + ((h >>> 0) % BUCKETS);
}
const words = (t: string) => t.replace(/[^a-z0-9'$ ]+/g, ' ').split(/\s+/).filter(Boolean);

const FIRST_FUTURE = /\b(?:i'll|i will|we'll|we will|i'm going to|i am going to|we're going to|i'm gonna|let me|i can get|i'll have)\b/;
const REQUEST = /\b(?:can you|could you|would you mind|please|you'll need to|you will need to|you need to|make sure|you'll want to|you should|remember to|don't forget|just need you to|i need you to|if you could)\b/;
const YOU_FUTURE = /\b(?:you'll|you will|you're going to|you are going to)\b/;
const CUST_SELF = /\b(?:i'll|i will|i'm going to|i can|i need to|let me)\b/;
const THIRD = /\b(?:he'll|she'll|they'll|he will|she will|they will|team|technician|tech|someone|somebody|supervisor|manager|specialist|department|courier|driver|crew|installer|dr\.?|doctor|office|billing|will be|is going to|are going to|comes|arrives|will come|will call)\b/;
const WILL = /\b(?:will|'ll|going to|gonna)\b|'ll\b/;
const PAST = /\b(?:i've|i have|we've|i just|already|done|i did|is done|has been|have been|went through|processed|i've gone ahead)\b/;
const OFFER = /\b(?:would you like|do you want|want me to|shall i|should i|would it help|if you want|if you'd like|i could|we could|i can also)\b/;
const COND = /\b(?:if|unless|in case|whether|once|when|after)\b/;
const DEED = /\b(?:send|email|e-mail|call|text|mail|ship|email|follow up|get back|reach out|schedule|book|escalate|review|process|refund|credit|apply|upload|submit|return|sign|bring|drop|pick up|check|confirm|forward|reply|look into|investigate|arrange|set up|cancel|deliver|replace|visit|come out|install|fax|print|fill out|complete)\b/;
const TIMEWORD = /\b(?:today|tomorrow|tonight|monday|tuesday|wednesday|thursday|friday|saturday|sunday|next week|this week|within|business days|hours|by the end|morning|afternoon|evening|later|end of day|eod|asap|soon|am|pm)\b/;
const YES = /^(?:yes|yeah|yep|sure|ok|okay|great|perfect|sounds good|that works|that'd be great|that would be great|please|absolutely|will do|i will|i'll|alright|all right|thank|thanks|awesome|of course|definitely|got it|good|fine|wonderful)\b/;
const NO = /^(?:no|nope|nah|not really|i'm good|i'm fine|that's ok|that's okay|no thanks|no thank you|i don't think|maybe later|not now|i'll pass|i'll think)\b/;
const POLICY = /\b(?:always|usually|normally|typically|generally|policy|every time|each time|automatically)\b/;

const PRONOUN = /\b(?:it|them|that|those|this|these|one|him|her)\b/;
const TIMEWORDS = new Set('today tomorrow tonight monday tuesday wednesday thursday friday saturday sunday next week morn afternoon even later day hour minut week send call email'.split(' '));
export const RESOLVE = (process.env.RESOLVE ?? '0') !== '0';
/** "I'll send them tonight": a deed whose object is a pronoun takes the object from the sentence it answers. */
function resolve(c: Call, si: number, raw: string): string {
  const text = normalise(raw);
  const lower = raw.toLowerCase();
  if (!PRONOUN.test(lower)) return text;
  const own = [...scoreStems(text)].filter((s) => !TIMEWORDS.has(s));
  if (own.length > 2) return text;
  const s = c.sentences[si]!;
  for (let k = si - 1; k >= 0; k -= 1) {
    const a = c.sentences[k]!;
    if (a.turn < s.turn - 2) break;
    const at = normalise(a.text);
    const as = [...scoreStems(at)].filter((x) => !TIMEWORDS.has(x));
    if (as.length >= 2 && !/^(?:thanks?|thank you|okay|great|perfect)/.test(a.lower)) return process.env.RESOLVE === '2' ? `${at} ${s.when.join(' ')}`.trim() : `${text} [${at}]`;
  }
  return text;
}

export function buildCandidates(calls: readonly Call[]): Cand[] {
  const out: Cand[] = [];
  calls.forEach((c, ci) => {
    const labelStems = c.labels.map(scoreStems);
    const turnsText = new Map<number, { role: string; lower: string }>();
    for (const s of c.sentences) {
      const t = turnsText.get(s.turn);
      if (t) t.lower += ' ' + s.lower; else turnsText.set(s.turn, { role: s.role, lower: s.lower });
    }
    const turnIds = [...turnsText.keys()].sort((a, b) => a - b);
    const nextOther = (turn: number, role: string) => { for (const t of turnIds) if (t > turn && turnsText.get(t)!.role !== role) return turnsText.get(t)!.lower; return ''; };
    const prevOther = (turn: number, role: string) => { for (let i = turnIds.length - 1; i >= 0; i -= 1) { const t = turnIds[i]!; if (t < turn && turnsText.get(t)!.role !== role) return turnsText.get(t)!.lower; } return ''; };
    const later = (turn: number) => c.sentences.filter((s) => s.turn > turn && s.turn <= turn + 3).map((s) => s.lower).join(' ');
    c.sentences.forEach((s: S, si) => {
      if (s.role === 'unknown') return;
      const parts = clauses(s.text);
      const pieces = parts.length > 1 ? parts : s.text.split(/\s+/).length >= 3 ? [s.text] : [];
      pieces.forEach((raw, pi) => {
        const lower = raw.toLowerCase().replace(/[’‘]/g, "'");
        const text = RESOLVE ? resolve(c, si, raw) : normalise(raw);
        const stems = scoreStems(text);
        if (stems.size === 0) return;
        const f = new Map<number, number>();
        const set = (i: number, v: number) => { if (v) f.set(i, v); };
        const agent = s.role === 'agent';
        const nxt = nextOther(s.turn, s.role);
        const prv = prevOther(s.turn, s.role);
        set(0, 1);
        set(1, agent ? 1 : 0);
        set(2, FIRST_FUTURE.test(lower) ? 1 : 0);
        set(3, REQUEST.test(lower) ? 1 : 0);
        set(4, YOU_FUTURE.test(lower) ? 1 : 0);
        set(5, !agent && CUST_SELF.test(lower) ? 1 : 0);
        set(6, THIRD.test(lower) ? 1 : 0);
        set(7, WILL.test(lower) ? 1 : 0);
        set(8, PAST.test(lower) ? 1 : 0);
        set(9, OFFER.test(lower) ? 1 : 0);
        set(10, COND.test(lower) ? 1 : 0);
        set(11, DEED.test(lower) ? 1 : 0);
        set(12, s.when.length ? 1 : 0);
        set(13, TIMEWORD.test(lower) ? 1 : 0);
        set(14, s.isQuestion ? 1 : 0);
        const pos = c.turns > 1 ? s.turn / (c.turns - 1) : 0;
        set(15, pos);
        set(16, pos > 2 / 3 ? 1 : 0);
        set(17, YES.test(nxt.trim()) ? 1 : 0);
        set(18, NO.test(nxt.trim()) ? 1 : 0);
        set(19, prv.includes('?') ? 1 : 0);
        set(20, s.negatedStems.length ? 1 : 0);
        set(21, POLICY.test(lower) ? 1 : 0);
        set(22, Math.log1p(stems.size) / 3);
        set(23, pieces.length > 1 ? 1 : 0);
        set(24, pi / Math.max(1, pieces.length));
        set(25, agent && FIRST_FUTURE.test(lower) ? 1 : 0);
        set(26, agent && REQUEST.test(lower) ? 1 : 0);
        set(27, FIRST_FUTURE.test(lower) && DEED.test(lower) ? 1 : 0);
        set(28, (FIRST_FUTURE.test(lower) || WILL.test(lower)) && (s.when.length > 0 || TIMEWORD.test(lower)) ? 1 : 0);
        set(29, /\b(?:done|all set|went through|i see it|got it|it worked|that worked)\b/.test(later(s.turn)) ? 1 : 0);
        set(30, OFFER.test(lower) && NO.test(nxt.trim()) ? 1 : 0);
        set(31, s.isQuestion && YES.test(nxt.trim()) ? 1 : 0);
        set(32, Math.max(-1, Math.min(1, s.sentiment)));
        set(33, /\bright now\b|\bwhile (?:we're|you're|i'm) on\b|\bas we speak\b|\bone moment\b|\bhold on\b|\bbear with\b/.test(lower) ? 1 : 0);
        set(34, !agent && REQUEST.test(lower) ? 1 : 0);
        set(35, /^(?:i|we)\b/.test(normaliseLead(lower)) ? 1 : 0);
        set(36, /^(?:you)\b/.test(normaliseLead(lower)) ? 1 : 0);
        const ws = words(lower);
        const add = (k: string) => { const b = bucket(k); f.set(b, (f.get(b) ?? 0) + 1); };
        ws.forEach((w, i) => { add(`w:${w}`); if (i + 1 < ws.length) add(`b:${w} ${ws[i + 1]}`); });
        const lead = words(normaliseLead(lower));
        if (lead[0]) add(`l1:${lead[0]}`);
        if (lead[1]) add(`l2:${lead[0]} ${lead[1]}`);
        add(`r:${s.role}`);
        for (const w of words(nxt).slice(0, 3)) add(`n:${w}`);
        // scale hashed counts
        for (const [k, v] of f) if (k >= DENSE) f.set(k, Math.min(v, 2) / 2);
        const best = labelStems.map((ls) => dice(stems, ls));
        out.push({ call: ci, sentence: si, turn: s.turn, raw, text, stems, f, y: Math.max(0, ...best) >= 0.5 ? 1 : 0, best, p: 0 });
      });
    });
  });
  return out;
}
const normaliseLead = (lower: string) => lower.replace(/^(?:(?:so|okay|ok|and|also|great|perfect|alright|then|well|sure|absolutely|yes|yeah|um|uh|oh|now|but)[,!.:]?\s+)+/, '');

export function train(cands: readonly Cand[], l2: number, iterations = 200, rate = 0.05): Float64Array {
  const w = new Float64Array(SIZE), m = new Float64Array(SIZE), v = new Float64Array(SIZE), g = new Float64Array(SIZE);
  const n = Math.max(1, cands.length);
  const pos = cands.filter((c) => c.y).length;
  // class weighting: positives are rare; weight them to half the mass
  const wp = pos ? n / (2 * pos) : 1, wn = pos < n ? n / (2 * (n - pos)) : 1;
  const idx = cands.map((c) => [...c.f.entries()]);
  for (let step = 1; step <= iterations; step += 1) {
    g.fill(0);
    cands.forEach((c, k) => {
      let z = 0; for (const [i, x] of idx[k]!) z += w[i]! * x;
      const p = 1 / (1 + Math.exp(-z));
      const e = ((p - c.y) * (c.y ? wp : wn)) / n;
      for (const [i, x] of idx[k]!) g[i]! += e * x;
    });
    const c1 = 1 - 0.9 ** step, c2 = 1 - 0.999 ** step;
    for (let j = 0; j < SIZE; j += 1) {
      const gj = g[j]! + (j === 0 ? 0 : l2 * w[j]!);
      m[j] = 0.9 * m[j]! + 0.1 * gj; v[j] = 0.999 * v[j]! + 0.001 * gj * gj;
      w[j]! -= (rate * (m[j]! / c1)) / (Math.sqrt(v[j]! / c2) + 1e-8);
    }
  }
  return w;
}
export function score(w: ArrayLike<number>, c: Cand): number {
  let z = 0; for (const [i, x] of c.f) z += w[i]! * x;
  return 1 / (1 + Math.exp(-z));
}
