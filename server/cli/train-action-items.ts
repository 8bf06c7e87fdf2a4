import { readFile, writeFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { loadSet, TRAINING_SETS } from '../summaries/engine/evaluation/fixtures';
import {
  actionCalls,
  leaveOneSetOutActions,
  trainActionModel,
} from '../summaries/engine/evaluation/train-action-items';

/**
 * `npm run train:action-items -- [--check] [--loso]`
 * Fits the offline summarizer's learned action-item detector to the labelled training sets and writes
 * server/summaries/engine/offline/learned-action-items.weights.json. Run it after changing what the
 * detector reads (the analysis, the clause features) or the labelled sets. --check exits non-zero when
 * the committed weights are not what the current code and calls give; --loso prints, per set, the
 * promise rules against a detector trained without that set.
 */

const WEIGHTS = fileURLToPath(
  new URL('../summaries/engine/offline/learned-action-items.weights.json', import.meta.url),
);

const percent = (part: number, whole: number) => `${whole ? ((100 * part) / whole).toFixed(1) : '0.0'}%`;

async function main(): Promise<number> {
  const { values } = parseArgs({
    options: { check: { type: 'boolean', default: false }, loso: { type: 'boolean', default: false } },
  });
  const fixtures = (await Promise.all(TRAINING_SETS.map((set) => loadSet(set)))).flat();
  const calls = actionCalls(fixtures);

  if (values.loso) {
    const rows = leaveOneSetOutActions(calls);
    const total = {
      calls: 0,
      expected: 0,
      rules: { matched: 0, predicted: 0 },
      learned: { matched: 0, predicted: 0 },
    };
    console.log(
      `${'set left out'.padEnd(18)}${'calls'.padStart(6)}${'items'.padStart(6)}   rules R / P        learned R / P`,
    );
    const print = (name: string, row: typeof total) =>
      console.log(
        `${name.padEnd(18)}${String(row.calls).padStart(6)}${String(row.expected).padStart(6)}   ` +
          `${percent(row.rules.matched, row.expected).padStart(6)} / ${percent(row.rules.matched, row.rules.predicted).padStart(6)}    ` +
          `${percent(row.learned.matched, row.expected).padStart(6)} / ${percent(row.learned.matched, row.learned.predicted).padStart(6)}`,
      );
    for (const row of rows) {
      print(row.set, row);
      total.calls += row.calls;
      total.expected += row.expected;
      for (const side of ['rules', 'learned'] as const) {
        total[side].matched += row[side].matched;
        total[side].predicted += row[side].predicted;
      }
    }
    print('all', total);
  }

  const model = `${JSON.stringify(trainActionModel(calls))}\n`;
  if (values.check) {
    const committed = await readFile(WEIGHTS, 'utf8').catch(() => '');
    if (committed === model) {
      console.log('learned-action-items.weights.json is up to date');
      return 0;
    }
    console.error(
      'learned-action-items.weights.json is stale: run `npm run train:action-items` and commit the result',
    );
    return 1;
  }
  await writeFile(WEIGHTS, model);
  console.log(`wrote ${WEIGHTS} (${calls.length} calls from ${TRAINING_SETS.join(', ')})`);
  return 0;
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(error instanceof Error ? error.message : String(error));
    process.exit(1);
  },
);
