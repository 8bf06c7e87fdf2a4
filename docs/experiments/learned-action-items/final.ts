// Trains the detector on all 11 sets, writes weights, reports size and CPU ms per call (features + scoring
import { OLDER_SETS } from './common';
// + item texts, on top of readCall/findCommitments). npx tsx docs/experiments/learned-action-items/final.ts [--l2 0.01] [--t 0.8]
import { writeFileSync } from 'node:fs';
import { loadSet, categoriesOf } from '../../../server/summaries/engine/evaluation/fixtures';
import { readCall } from '../../../server/summaries/engine/offline/summarizer';
import { findCommitments } from '../../../server/summaries/engine/offline/commitments';
import { loadCache, type Call } from './common';
import { buildCandidates, dice, score, train, SIZE, DENSE } from './model';

const args = process.argv.slice(2);
const arg = (k: string, d: number) => (args.includes(k) ? Number(args[args.indexOf(k) + 1]) : d);
const l2 = arg('--l2', 0.003), th = arg('--t', 0.8);
const calls = loadCache();
const w = train(buildCandidates(calls), l2);
const rounded = Array.from(w, (x) => Math.round(x * 1e4) / 1e4 || 0);
const json = JSON.stringify({ l2, threshold: th, dense: DENSE, size: SIZE, weights: rounded });
writeFileSync(new URL('./action-detector.weights.json', import.meta.url), json);
console.log(`weights ${SIZE} (${rounded.filter((x) => x !== 0).length} non-zero), JSON ${(json.length / 1024).toFixed(1)} KB`);
const names = ['bias', 'agent', 'firstFuture', 'request', 'youFuture', 'custSelf', 'thirdParty', 'will', 'past', 'offer', 'cond', 'deed', 'whenEntity', 'timeWord', 'question', 'position', 'lastThird', 'nextYes', 'nextNo', 'prevQuestion', 'negated', 'policy', 'logLen', 'multiClause', 'clausePos', 'agent×firstFuture', 'agent×request', 'firstFuture×deed', 'future×time', 'laterDone', 'offer×no', 'question×yes', 'sentiment', 'onTheSpot', 'customerRequest', 'leadIWe', 'leadYou'];
console.log('dense weights:', names.map((n, i) => `${n} ${rounded[i]}`).join(', '));

let base = 0, learned = 0, n = 0;
for (const set of OLDER_SETS) for (const fixture of await loadSet(set)) {
  const t0 = process.cpuUsage();
  const { analysis } = readCall({ transcript: fixture.transcript, categories: categoriesOf(fixture), ...(fixture.label.agentNames ? { agentNames: fixture.label.agentNames } : {}), redactPii: true });
  const rules = findCommitments(analysis);
  const t1 = process.cpuUsage(t0);
  const t2 = process.cpuUsage();
  const call: Call = { set, name: fixture.name, labels: [], outcome: '', turns: analysis.turns.length, rules: rules.map((r) => ({ text: r.text, owner: r.owner, turn: r.turn })), sentences: analysis.sentences };
  const cs = buildCandidates([call]).map((c) => ({ c, p: score(w, c) })).filter((x) => x.p >= th).sort((a, b) => b.p - a.p);
  const items: Array<{ stems: Set<string> }> = [];
  for (const { c } of cs) if (!items.some((i) => dice(i.stems, c.stems) >= 0.5)) items.push({ stems: c.stems });
  const t3 = process.cpuUsage(t2);
  if (n > 0) { base += (t1.user + t1.system) / 1000; learned += (t3.user + t3.system) / 1000; }
  n += 1;
}
console.log(`mean CPU ms/call over ${n - 1} calls: readCall+findCommitments ${(base / (n - 1)).toFixed(2)}, learned detector ${(learned / (n - 1)).toFixed(2)}`);
