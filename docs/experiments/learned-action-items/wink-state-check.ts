// Diagnostic: wink-nlp tokenisation of possessives depends on what the process has read before.
import { allStems } from '../../../server/summaries/engine/offline/nlp';
import { loadCache } from './common';
const s = ["Org 1 is my sister's family domain, long story 😅", "My husband's phone the same thing though"];
console.log('cold', s.map((x) => allStems(x.toLowerCase()).join(' ')));
const cache = loadCache();
let i = 0;
for (const c of cache) { for (const x of c.sentences) { allStems(x.text); i++; } const now = s.map((x) => allStems(x.toLowerCase()).join(' ')); if (!now[0]!.includes("'s") || !now[1]!.includes("'s")) { console.log('changed after', i, 'sentences, call', c.set, c.name, now); break; } }
