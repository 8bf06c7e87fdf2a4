import { loadCache, normalise, clauses, overlap } from './common';
const calls = loadCache();
let total = 0; const hit = { raw: 0, norm: 0, clause: 0, any: 0, rules: 0 };
const misses: string[] = [];
for (const c of calls) for (const label of c.labels) {
  total += 1;
  const raw = Math.max(0, ...c.sentences.map((s) => overlap(s.text, label)));
  const norm = Math.max(0, ...c.sentences.map((s) => overlap(normalise(s.text), label)));
  const cl = Math.max(0, ...c.sentences.flatMap((s) => clauses(s.text).map((x) => overlap(normalise(x), label))));
  const two = Math.max(0, ...c.sentences.map((s, i) => { const n = c.sentences[i + 1]; return n && n.turn === s.turn ? overlap(normalise(s.text + ' ' + n.text), label) : 0; }));
  const ru = Math.max(0, ...c.rules.map((r) => overlap(r.text, label)));
  if (raw >= 0.5) hit.raw++; if (norm >= 0.5) hit.norm++; if (cl >= 0.5) hit.clause++;
  if (Math.max(norm, cl) >= 0.5) hit.any++; if (ru >= 0.5) hit.rules++;
  if (Math.max(norm, cl) < 0.5 && misses.length < 40) misses.push(`${c.set}/${c.name}: "${label}" best=${Math.max(norm, cl).toFixed(2)} two=${two.toFixed(2)} rules=${ru.toFixed(2)}`);
}
console.log({ total, ...hit });
console.log(misses.join('\n'));
