// Diagnostic: does running readCall/findCommitments first change buildCandidates(cache)? (training data only)
import { OLDER_SETS } from './common';
import { loadSet, categoriesOf } from '../../../server/summaries/engine/evaluation/fixtures';
import { readCall } from '../../../server/summaries/engine/offline/summarizer';
import { findCommitments } from '../../../server/summaries/engine/offline/commitments';
import { loadCache } from './common';
import { buildCandidates } from './model';
const cache = loadCache();
const key = (cs: ReturnType<typeof buildCandidates>) => cs.map((c) => JSON.stringify([c.call, c.sentence, c.text, [...c.stems], [...c.f.entries()], c.y]));
const a = key(buildCandidates(cache));
for (const set of OLDER_SETS) for (const fx of await loadSet(set)) findCommitments(readCall({ transcript: fx.transcript, categories: categoriesOf(fx), ...(fx.label.agentNames ? { agentNames: fx.label.agentNames } : {}), redactPii: true }).analysis);
const b = key(buildCandidates(cache));
console.log('lengths', a.length, b.length);
let n = 0; for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) { if (n < 5) console.log('A', a[i]!.slice(0, 400), '\nB', b[i]!.slice(0, 400)); n++; }
console.log('differing candidates', n);
