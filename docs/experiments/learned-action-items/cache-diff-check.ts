// Diagnostic: which fields of a fresh extraction of the training sets differ from cache.json, after buildCandidates warmed wink.
import { OLDER_SETS } from './common';
import { loadSet, categoriesOf } from '../../../server/summaries/engine/evaluation/fixtures';
import { readCall } from '../../../server/summaries/engine/offline/summarizer';
import { findCommitments } from '../../../server/summaries/engine/offline/commitments';
import { loadCache } from './common';
import { buildCandidates } from './model';
const cache = loadCache();
if (process.env.WARM !== '0') buildCandidates(cache);
let k = 0, diffs = 0, ruleDiffs = 0;
for (const set of OLDER_SETS) for (const fx of await loadSet(set)) {
  const { analysis } = readCall({ transcript: fx.transcript, categories: categoriesOf(fx), ...(fx.label.agentNames ? { agentNames: fx.label.agentNames } : {}), redactPii: true });
  const rules = findCommitments(analysis).slice(0, 20).map((c) => ({ text: c.text, owner: c.owner, turn: c.turn }));
  const c = cache[k++]!;
  if (JSON.stringify(rules) !== JSON.stringify(c.rules)) ruleDiffs++;
  analysis.sentences.forEach((s, i) => { const o = c.sentences[i]!; for (const f of ['text', 'stems', 'negatedStems', 'sentiment', 'when', 'isQuestion', 'role', 'turn'] as const) if (JSON.stringify((s as any)[f]) !== JSON.stringify((o as any)[f])) { if (diffs < 6) console.log(set, fx.name, i, f, JSON.stringify((o as any)[f]), '->', JSON.stringify((s as any)[f])); diffs++; } });
}
console.log({ sentenceFieldDiffs: diffs, callsWithRuleDiffs: ruleDiffs });
