// Plain LOSO at fixed l2/threshold with error dumps (diagnostics only, not a result).
import { loadCache } from './common';
import { buildCandidates, dice, scoreStems, score, train, type Cand } from './model';
const l2 = Number(process.env.L2 ?? 0.01), th = Number(process.env.TH ?? 0.8);
const calls = loadCache();
const cands = buildCandidates(calls);
const sets = [...new Set(calls.map((c) => c.set))];
for (const o of sets) { const w = train(cands.filter((c) => calls[c.call]!.set !== o), l2); for (const c of cands) if (calls[c.call]!.set === o) c.p = score(w, c); }
// candidate-level PR
const pos = cands.filter((c) => c.y).length;
for (const t of [0.5, 0.6, 0.7, 0.8, 0.9]) { const sel = cands.filter((c) => c.p >= t); console.log(`t=${t} selected ${sel.length} tp ${sel.filter((c) => c.y).length} / pos ${pos}`); }
let covered = 0, oracle = 0, total = 0; const miss: string[] = [], fps: string[] = [];
calls.forEach((call, ci) => {
  const cs = cands.filter((c) => c.call === ci);
  call.labels.forEach((l, li) => {
    total++; const ls = scoreStems(l);
    const good = cs.filter((c) => dice(c.stems, ls) >= 0.5);
    if (good.length) oracle++;
    if (good.some((c) => c.p >= th)) covered++;
    else if (good.length && miss.length < 60) { const b = good.reduce((a, c) => (c.p > a.p ? c : a)); miss.push(`MISS ${call.set}/${call.name} "${l}" <= p=${b.p.toFixed(2)} [${call.sentences[b.sentence]!.role}] "${b.raw}"`); }
  });
  for (const c of cs) if (c.p >= th && !c.y && fps.length < 80) fps.push(`FP ${call.set}/${call.name} p=${c.p.toFixed(2)} [${call.sentences[c.sentence]!.role}] "${c.raw}" best=${Math.max(0, ...c.best).toFixed(2)}`);
});
console.log({ total, oracle, covered });
console.log(miss.join('\n')); console.log(fps.join('\n'));
