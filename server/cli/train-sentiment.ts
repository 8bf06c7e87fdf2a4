import { readFile, writeFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { loadSet, TRAINING_SETS } from '../summaries/engine/evaluation/fixtures';
import { leaveOneSetOut, sentimentExamples, trainSentimentModel } from '../summaries/engine/evaluation/train-sentiment';

/**
 * `npm run train:sentiment -- [--check] [--loso]`
 * Fits the offline summarizer's learned sentiment layer to the labelled training sets and writes
 * server/summaries/engine/offline/learned-sentiment.weights.json. Run it after changing the rules: the
 * layer reads the rules' answer. --check exits non-zero when the committed weights are not what the
 * current rules and calls give; --loso prints, per set, the rules against a layer trained without it.
 */

const WEIGHTS = fileURLToPath(new URL('../summaries/engine/offline/learned-sentiment.weights.json', import.meta.url));

async function main(): Promise<number> {
  const { values } = parseArgs({ options: { check: { type: 'boolean', default: false }, loso: { type: 'boolean', default: false } } });
  const fixtures = (await Promise.all(TRAINING_SETS.map((set) => loadSet(set)))).flat();
  const examples = sentimentExamples(fixtures);

  if (values.loso) {
    const rows = leaveOneSetOut(examples);
    const percent = (correct: number, calls: number) => `${((100 * correct) / calls).toFixed(0)}%`.padStart(7);
    console.log(`${'set left out'.padEnd(18)}${'calls'.padStart(6)}${'rules'.padStart(7)}${'layer'.padStart(7)}`);
    for (const row of rows)
      console.log(`${row.set.padEnd(18)}${String(row.calls).padStart(6)}${percent(row.rulesCorrect, row.calls)}${percent(row.learnedCorrect, row.calls)}`);
    const sum = (pick: (row: (typeof rows)[number]) => number) => rows.reduce((total, row) => total + pick(row), 0);
    console.log(`${'all'.padEnd(18)}${String(sum((r) => r.calls)).padStart(6)}${percent(sum((r) => r.rulesCorrect), sum((r) => r.calls))}${percent(sum((r) => r.learnedCorrect), sum((r) => r.calls))}`);
  }

  const model = `${JSON.stringify(trainSentimentModel(examples))}\n`;
  if (values.check) {
    const committed = await readFile(WEIGHTS, 'utf8');
    if (committed === model) {
      console.log('learned-sentiment.weights.json is up to date');
      return 0;
    }
    console.error('learned-sentiment.weights.json is stale: run `npm run train:sentiment` and commit the result');
    return 1;
  }
  await writeFile(WEIGHTS, model);
  console.log(`wrote ${WEIGHTS} (${fixtures.length} calls from ${TRAINING_SETS.join(', ')})`);
  return 0;
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(error instanceof Error ? error.message : String(error));
    process.exit(1);
  },
);
