import { loadCache } from './common';
import { buildCandidates, dice, scoreStems } from './model';
const calls = loadCache(); const cands = buildCandidates(calls);
let o = 0, t = 0; calls.forEach((c, ci) => c.labels.forEach((l) => { t++; const ls = scoreStems(l); if (cands.some((x) => x.call === ci && dice(x.stems, ls) >= 0.5)) o++; }));
console.log({ labels: t, oracle: o, positives: cands.filter((c) => c.y).length, cands: cands.length });
