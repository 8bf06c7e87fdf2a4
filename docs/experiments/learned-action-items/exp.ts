// Leave-one-set-out for the learned action-item detector, thresholds (and L2) chosen by an inner LOSO.
// npx tsx docs/experiments/learned-action-items/exp.ts [--l2 0.003,0.01] [--quick]
import { writeFileSync } from 'node:fs';
import { matchActionItems } from '../../../server/summaries/engine/evaluation/score';
import { loadCache, type Call } from './common';
import { buildCandidates, dice, scoreStems, score, train, type Cand } from './model';

const args = process.argv.slice(2);
const L2S = (args[args.indexOf('--l2') + 1] && args.includes('--l2') ? args[args.indexOf('--l2') + 1]! : '0.003,0.01,0.03').split(',').map(Number);
const DEDUPE = Number(process.env.DEDUPE ?? 0.5);
const GRID = Array.from({ length: 15 }, (_, i) => 0.25 + i * 0.05);

const calls = loadCache();
const t0 = Date.now();
const cands = buildCandidates(calls);
console.error(`candidates ${cands.length}, positives ${cands.filter((c) => c.y).length}, built in ${Date.now() - t0} ms`);
const sets = [...new Set(calls.map((c) => c.set))];
const byCall = new Map<number, Cand[]>();
cands.forEach((c) => (byCall.get(c.call) ?? byCall.set(c.call, []).get(c.call)!).push(c));
const rulesStems = calls.map((c) => c.rules.map((r) => scoreStems(r.text)));
const labelStems = calls.map((c) => c.labels.map(scoreStems));

interface Item { text: string; stems: Set<string> }
type Variant = 'rules' | 'learned' | 'learnedRT' | 'union' | 'filter' | 'both';
const VARIANTS: Variant[] = ['rules', 'learned', 'learnedRT', 'union', 'filter', 'both'];

function learnedItems(ci: number, p: Map<Cand, number>, th: number, rulesText: boolean, exclude: Item[] = []): Item[] {
  const chosen: Item[] = [];
  const list = (byCall.get(ci) ?? []).filter((c) => p.get(c)! >= th).sort((a, b) => p.get(b)! - p.get(a)!);
  for (const c of list) {
    let item: Item = { text: c.text, stems: c.stems };
    if (rulesText) {
      const r = calls[ci]!.rules.findIndex((r, k) => r.turn === c.turn && dice(rulesStems[ci]![k]!, c.stems) >= 0.3);
      if (r >= 0) item = { text: calls[ci]!.rules[r]!.text, stems: rulesStems[ci]![r]! };
    }
    if ([...chosen, ...exclude].some((o) => dice(o.stems, item.stems) >= DEDUPE)) continue;
    if (exclude.length && calls[ci]!.rules.some((r, k) => r.turn === c.turn && dice(rulesStems[ci]![k]!, c.stems) >= 0.3)) continue;
    chosen.push(item);
  }
  return chosen;
}
function support(ci: number, k: number, p: Map<Cand, number>): number {
  const rs = rulesStems[ci]![k]!, turn = calls[ci]!.rules[k]!.turn;
  let best = -1;
  for (const c of byCall.get(ci) ?? []) if (c.turn === turn && dice(rs, c.stems) >= 0.3) best = Math.max(best, p.get(c)!);
  return best < 0 ? 1 : best; // nothing the learner can see: keep
}
function predict(ci: number, v: Variant, p: Map<Cand, number>, th: { t: number; f: number; h: number }): Item[] {
  const rules = calls[ci]!.rules.map((r, k) => ({ text: r.text, stems: rulesStems[ci]![k]! }));
  if (v === 'rules') return rules;
  if (v === 'learned') return learnedItems(ci, p, th.t, false);
  if (v === 'learnedRT') return learnedItems(ci, p, th.t, true);
  const kept = v === 'filter' || v === 'both' ? rules.filter((_, k) => support(ci, k, p) >= th.f) : rules;
  if (v === 'filter') return kept;
  return [...kept, ...learnedItems(ci, p, th.h, true, rules)];
}
function matchFast(pred: Item[], ls: Set<string>[]): number {
  const pairs: Array<[number, number, number]> = [];
  pred.forEach((a, i) => ls.forEach((b, j) => { const d = dice(a.stems, b); if (d >= 0.5) pairs.push([i, j, d]); }));
  pairs.sort((a, b) => b[2] - a[2]);
  const up = new Set<number>(), ue = new Set<number>();
  for (const [i, j] of pairs) if (!up.has(i) && !ue.has(j)) { up.add(i); ue.add(j); }
  return up.size;
}
interface Tally { m: number; p: number; e: number }
const f1 = (t: Tally) => { const r = t.e ? t.m / t.e : 0, pr = t.p ? t.m / t.p : 0; return r + pr ? (2 * r * pr) / (r + pr) : 0; };
function tally(cis: number[], v: Variant, p: Map<Cand, number>, th: { t: number; f: number; h: number }, exact = false): Tally {
  const t = { m: 0, p: 0, e: 0 };
  for (const ci of cis) {
    const pred = predict(ci, v, p, th);
    t.m += exact ? matchActionItems(pred.map((x) => x.text), calls[ci]!.labels) : matchFast(pred, labelStems[ci]!);
    t.p += pred.length; t.e += calls[ci]!.labels.length;
  }
  return t;
}
const callsOf = (ss: string[]) => calls.map((c, i) => (ss.includes(c.set) ? i : -1)).filter((i) => i >= 0);
function fitPredict(trainSets: string[], testSets: string[], l2: number, p: Map<Cand, number>) {
  const tr = cands.filter((c) => trainSets.includes(calls[c.call]!.set));
  const w = train(tr, l2);
  for (const c of cands) if (testSets.includes(calls[c.call]!.set)) p.set(c, score(w, c));
}
/** Best thresholds per variant on a set of calls with out-of-fold scores. */
function choose(cis: number[], p: Map<Cand, number>) {
  const best: Record<string, { th: { t: number; f: number; h: number }; f1: number }> = {};
  for (const v of VARIANTS) {
    let b = { th: { t: 0.5, f: 0, h: 1.01 }, f1: -1 };
    const tGrid = v === 'learned' || v === 'learnedRT' ? GRID : [0.5];
    const fGrid = v === 'filter' || v === 'both' ? [0, ...GRID.slice(0, 10).map((x) => x - 0.2)] : [0];
    const hGrid = v === 'union' || v === 'both' ? [...GRID, 0.97] : [1.01];
    for (const t of tGrid) for (const f of fGrid) for (const h of hGrid) {
      const s = f1(tally(cis, v, p, { t, f, h }));
      if (s > b.f1 + 1e-9) b = { th: { t, f, h }, f1: s };
    }
    best[v] = b;
  }
  return best;
}

const outer = new Map<Cand, number>();
const chosenLog: string[] = [];
const rows: Record<string, Record<Variant, Tally>> = {};
for (const o of sets) {
  const inner = sets.filter((s) => s !== o);
  let pick: { l2: number; sel: ReturnType<typeof choose>; inner: Record<string, number> } | undefined;
  const perL2: Array<{ l2: number; sel: ReturnType<typeof choose> }> = [];
  for (const l2 of L2S) {
    const pin = new Map<Cand, number>();
    for (const i of inner) fitPredict(inner.filter((s) => s !== i), [i], l2, pin);
    perL2.push({ l2, sel: choose(callsOf(inner), pin) });
  }
  // per variant, the (l2, thresholds) with the best inner F1
  const perVariant: Record<string, { l2: number; th: { t: number; f: number; h: number } }> = {};
  for (const v of VARIANTS) {
    const b = perL2.reduce((a, x) => (x.sel[v]!.f1 > a.sel[v]!.f1 + 1e-9 ? x : a));
    perVariant[v] = { l2: b.l2, th: b.sel[v]!.th };
  }
  rows[o] = {} as Record<Variant, Tally>;
  const fitted = new Map<number, Map<Cand, number>>();
  for (const v of VARIANTS) {
    const { l2, th } = perVariant[v]!;
    if (!fitted.has(l2)) { const pm = new Map<Cand, number>(); fitPredict(inner, [o], l2, pm); fitted.set(l2, pm); }
    rows[o]![v] = tally(callsOf([o]), v, fitted.get(l2)!, th, true);
    chosenLog.push(`${o} ${v}: l2=${l2} t=${th.t.toFixed(2)} f=${th.f.toFixed(2)} h=${th.h.toFixed(2)}`);
  }
  for (const [c, s] of fitted.get(perVariant.learned!.l2)!) if (calls[c.call]!.set === o) outer.set(c, s);
  console.error(`${o} done ${((Date.now() - t0) / 1000).toFixed(0)} s`);
}
const pct = (a: number, b: number) => (b ? ((100 * a) / b).toFixed(1) : '—').padStart(5);
let table = `| set | calls | items | ${VARIANTS.map((v) => `${v} R / P`).join(' | ')} |\n|---|---|---|${VARIANTS.map(() => '---').join('|')}|\n`;
const pooled: Record<string, Tally> = {};
for (const o of sets) {
  table += `| ${o} | ${callsOf([o]).length} | ${rows[o]!.rules.e} | ${VARIANTS.map((v) => { const t = rows[o]![v]; const q = (pooled[v] ??= { m: 0, p: 0, e: 0 }); q.m += t.m; q.p += t.p; q.e += t.e; return `${pct(t.m, t.e)} / ${pct(t.m, t.p)}`; }).join(' | ')} |\n`;
}
table += `| pooled | ${calls.length} | ${pooled.rules!.e} | ${VARIANTS.map((v) => `${pct(pooled[v]!.m, pooled[v]!.e)} / ${pct(pooled[v]!.m, pooled[v]!.p)} (F1 ${(100 * f1(pooled[v]!)).toFixed(1)})`).join(' | ')} |\n`;
const UNSEEN9 = ['heldout-fresh', 'heldout-unseen', 'heldout-final', 'heldout-blind', 'heldout-last', 'heldout-next', 'heldout-extra', 'heldout-more', 'heldout-tenth'];
const p9: Record<string, Tally> = {};
for (const o of UNSEEN9) for (const v of VARIANTS) { const t = rows[o]![v]; const q = (p9[v] ??= { m: 0, p: 0, e: 0 }); q.m += t.m; q.p += t.p; q.e += t.e; }
table += `| pooled, 9 sets once unseen | ${callsOf(UNSEEN9).length} | ${p9.rules!.e} | ${VARIANTS.map((v) => `${pct(p9[v]!.m, p9[v]!.e)} / ${pct(p9[v]!.m, p9[v]!.p)} (F1 ${(100 * f1(p9[v]!)).toFixed(1)})`).join(' | ')} |\n`;
writeFileSync(new URL(`./rows${args.includes('--tag') ? '-' + args[args.indexOf('--tag') + 1] : ''}.json`, import.meta.url), JSON.stringify(rows));
const report = `L2 grid ${L2S.join(',')}\n\n${table}\nChosen per outer fold (inner LOSO, pooled F1):\n${chosenLog.join('\n')}\n`;
console.log(report);
writeFileSync(new URL(`./results-loso${args.includes('--tag') ? '-' + args[args.indexOf('--tag') + 1] : ''}.txt`, import.meta.url), report);
