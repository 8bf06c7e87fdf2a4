// Reads the 11 training sets once: analysed sentences, the rules' items, labels. Writes cache.json.
import { OLDER_SETS } from './common';
import { writeFileSync } from 'node:fs';
import { loadSet, categoriesOf } from '../../../server/summaries/engine/evaluation/fixtures';
import { readCall } from '../../../server/summaries/engine/offline/summarizer';
import { findCommitments } from '../../../server/summaries/engine/offline/commitments';

const out: unknown[] = [];
let readMs = 0, rulesMs = 0, n = 0;
for (const set of OLDER_SETS) {
  for (const fixture of await loadSet(set)) {
    const t0 = process.cpuUsage();
    const { analysis } = readCall({
      transcript: fixture.transcript,
      categories: categoriesOf(fixture),
      ...(fixture.label.agentNames ? { agentNames: fixture.label.agentNames } : {}),
      redactPii: true,
    });
    const t1 = process.cpuUsage(t0);
    const t2 = process.cpuUsage();
    const rules = findCommitments(analysis).slice(0, 20);
    const t3 = process.cpuUsage(t2);
    if (n > 0) { readMs += (t1.user + t1.system) / 1000; rulesMs += (t3.user + t3.system) / 1000; }
    n += 1;
    out.push({
      set, name: fixture.name, labels: fixture.label.actionItems, outcome: fixture.label.outcome,
      turns: analysis.turns.length,
      rules: rules.map((c) => ({ text: c.text, owner: c.owner, turn: c.turn })),
      sentences: analysis.sentences.map((s) => ({ turn: s.turn, index: s.index, role: s.role, text: s.text, lower: s.lower, stems: s.stems, negatedStems: s.negatedStems, sentiment: s.sentiment, when: s.when, isQuestion: s.isQuestion })),
    });
  }
}
writeFileSync(new URL('./cache.json', import.meta.url), JSON.stringify(out));
console.log(`calls ${n}; mean CPU ms/call (excluding first): readCall ${(readMs / (n - 1)).toFixed(2)}, findCommitments ${(rulesMs / (n - 1)).toFixed(2)}`);
