// Pre-registered measurement on heldout-eleventh and heldout-twelfth (unseen). Fixed beforehand:
import { OLDER_SETS } from './common';
// train on the 11 OLDER_SETS (cache.json, as final.ts), l2 = 0.003, detector threshold t = 0.8,
// filter threshold f = 0.5; features/cleaning from model.ts/common.ts (CLEAN default on, RESOLVE off,
// dedupe at Dice 0.5). Options: rules alone (findCommitments sliced to 20), rules filtered by the learned
// score (exp.ts `support`), learned alone (exp.ts `learnedItems`, rules text off). Matching: matchActionItems.
// Prints aggregate figures only. npx tsx docs/experiments/learned-action-items/measure-unseen.ts
import { readFileSync } from 'node:fs';
import { loadSet, categoriesOf } from '../../../server/summaries/engine/evaluation/fixtures';
import { matchActionItems } from '../../../server/summaries/engine/evaluation/score';
import { readCall } from '../../../server/summaries/engine/offline/summarizer';
import { findCommitments } from '../../../server/summaries/engine/offline/commitments';
import { loadCache, type Call } from './common';
import { buildCandidates, dice, scoreStems, score, train } from './model';

const L2 = 0.003, T = 0.8, F = 0.5, DEDUPE = 0.5;
const TEST_SETS = ['heldout-eleventh', 'heldout-twelfth'];

if (process.env.CLEAN === '0' || (process.env.RESOLVE ?? '0') !== '0' || process.env.DEDUPE) throw new Error('run with default env (CLEAN, RESOLVE, DEDUPE unset)');

async function extract(set: string, withLabels: boolean): Promise<Call[]> {
  const out: Call[] = [];
  for (const fixture of await loadSet(set)) {
    const { analysis } = readCall({
      transcript: fixture.transcript,
      categories: categoriesOf(fixture),
      ...(fixture.label.agentNames ? { agentNames: fixture.label.agentNames } : {}),
      redactPii: true,
    });
    const rules = findCommitments(analysis).slice(0, 20);
    out.push({
      set, name: fixture.name, labels: withLabels ? fixture.label.actionItems : [], outcome: withLabels ? fixture.label.outcome : '',
      turns: analysis.turns.length,
      rules: rules.map((c) => ({ text: c.text, owner: c.owner, turn: c.turn })),
      sentences: analysis.sentences.map((s) => ({ turn: s.turn, index: s.index, role: s.role, text: s.text, lower: s.lower, stems: s.stems, negatedStems: s.negatedStems, sentiment: s.sentiment, when: s.when, isQuestion: s.isQuestion })),
    });
  }
  return out;
}

// 1. Training data: cache.json, trained first thing in the process exactly as final.ts does. (wink-nlp's
// tokenisation of possessives like "husband's" changes once the process has read many texts, so training
// after the readCall passes below would give 3 of 8610 candidates other stems and slightly other weights.)
const cache = loadCache();
const trainCands = buildCandidates(cache);
const w = train(trainCands, L2);
console.log(`candidates ${trainCands.length}, positives ${trainCands.filter((c) => c.y).length}`);
// check cache.json against a fresh extraction with the current code (rules must be identical; in this warmed
// process one sentence's stems lose a "'s", see above; a fresh process reproduces cache.json exactly).
// SKIP_CHECK=1 leaves this pass out (the unseen sets are then read in a less-warmed wink state).
if (process.env.SKIP_CHECK !== '1') {
  const fresh: Call[] = [];
  for (const set of OLDER_SETS) fresh.push(...(await extract(set, true)));
  const rulesSame = fresh.length === cache.length && fresh.every((c, i) => c.name === cache[i]!.name && JSON.stringify(c.rules) === JSON.stringify(cache[i]!.rules) && JSON.stringify(c.labels) === JSON.stringify(cache[i]!.labels));
  let sentenceDiffs = 0;
  fresh.forEach((c, i) => c.sentences.forEach((s, j) => { if (JSON.stringify(s) !== JSON.stringify(cache[i]!.sentences[j])) sentenceDiffs += 1; }));
  console.log(`training sets ${OLDER_SETS.length} (${OLDER_SETS.join(', ')}); calls ${cache.length}; fresh extraction: rules and labels identical ${rulesSame}, sentences differing ${sentenceDiffs}`);
  if (!rulesSame || sentenceDiffs > 1) throw new Error('cache.json is stale: stop and investigate');
}
// sanity: the weights equal those final.ts wrote (rounded to 1e-4)
const saved = JSON.parse(readFileSync(new URL('./action-detector.weights.json', import.meta.url), 'utf8')) as { l2: number; weights: number[] };
const maxDiff = Math.max(...saved.weights.map((x, i) => Math.abs(x - (Math.round(w[i]! * 1e4) / 1e4 || 0))));
console.log(`max |w - saved weights| = ${maxDiff} (saved l2 ${saved.l2})`);
if (maxDiff > 0) throw new Error('weights differ from final.ts output');

// 2. Unseen sets.
interface Tally { m: number; e: number; p: number }
const OPTIONS = ['rules', 'filter', 'learned'] as const;
type Opt = (typeof OPTIONS)[number];
const rows: Record<string, Record<Opt, Tally>> = {};
let maxLearnedPerCall = 0, filterNoSupport = 0, rulesTotal = 0;
for (const set of TEST_SETS) {
  const fixtures = await loadSet(set);
  const calls = await extract(set, false); // labels kept out of buildCandidates
  rows[set] = { rules: { m: 0, e: 0, p: 0 }, filter: { m: 0, e: 0, p: 0 }, learned: { m: 0, e: 0, p: 0 } };
  calls.forEach((call, k) => {
    const labels = fixtures[k]!.label.actionItems;
    if (fixtures[k]!.name !== call.name) throw new Error('order');
    const cands = buildCandidates([call]);
    const p = new Map(cands.map((c) => [c, score(w, c)]));
    const rulesStems = call.rules.map((r) => scoreStems(r.text));
    // option 1: rules alone
    const rules = call.rules.map((r) => r.text);
    // option 2: exp.ts support(): best score among the candidates of the rule's turn with Dice >= 0.3; none → keep
    const support = (i: number) => {
      let best = -1;
      for (const c of cands) if (c.turn === call.rules[i]!.turn && dice(rulesStems[i]!, c.stems) >= 0.3) best = Math.max(best, p.get(c)!);
      if (best < 0) filterNoSupport += 1;
      return best < 0 ? 1 : best;
    };
    rulesTotal += rules.length;
    const filtered = rules.filter((_, i) => support(i) >= F);
    // option 3: exp.ts learnedItems (rules text off): by score, dedupe at Dice 0.5
    const chosen: Array<{ text: string; stems: Set<string> }> = [];
    for (const c of cands.filter((c) => p.get(c)! >= T).sort((a, b) => p.get(b)! - p.get(a)!))
      if (!chosen.some((o) => dice(o.stems, c.stems) >= DEDUPE)) chosen.push({ text: c.text, stems: c.stems });
    maxLearnedPerCall = Math.max(maxLearnedPerCall, chosen.length);
    const preds: Record<Opt, string[]> = { rules, filter: filtered, learned: chosen.map((c) => c.text) };
    for (const o of OPTIONS) {
      const t = rows[set]![o];
      t.m += matchActionItems(preds[o], labels); t.e += labels.length; t.p += preds[o].length;
    }
  });
}

const pct = (a: number, b: number) => (b ? ((100 * a) / b).toFixed(1) : '—');
const NAMES: Record<Opt, string> = { rules: '1. rules alone', filter: `2. rules filtered (f = ${F})`, learned: `3. learned alone (t = ${T})` };
console.log(`\nl2 ${L2}, t ${T}, f ${F}\n| option | set | recall | precision | matched / expected / predicted |\n|---|---|---|---|---|`);
for (const o of OPTIONS) {
  const pooled = { m: 0, e: 0, p: 0 };
  for (const set of TEST_SETS) {
    const t = rows[set]![o]; pooled.m += t.m; pooled.e += t.e; pooled.p += t.p;
    console.log(`| ${NAMES[o]} | ${set} | ${pct(t.m, t.e)} | ${pct(t.m, t.p)} | ${t.m} / ${t.e} / ${t.p} |`);
  }
  console.log(`| ${NAMES[o]} | pooled | ${pct(pooled.m, pooled.e)} | ${pct(pooled.m, pooled.p)} | ${pooled.m} / ${pooled.e} / ${pooled.p} |`);
}
console.log(`\nrules items with no learner candidate (kept by the filter): ${filterNoSupport} of ${rulesTotal}; most learned items in one call: ${maxLearnedPerCall}`);
