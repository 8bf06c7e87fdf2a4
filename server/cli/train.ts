import { readFile, writeFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { loadSet, TRAINING_SETS } from '../summaries/engine/evaluation/fixtures';
import { readLabelledCalls } from '../summaries/engine/evaluation/labelled-calls';
import {
  categoryExamples,
  leaveOneSetOutCategory,
  trainCategoryModel,
} from '../summaries/engine/evaluation/train-category';
import {
  actionCalls,
  leaveOneSetOutActions,
  trainActionModel,
} from '../summaries/engine/evaluation/train-action-items';
import {
  leaveOneSetOut,
  sentimentExamples,
  trainSentimentModel,
} from '../summaries/engine/evaluation/train-sentiment';

/**
 * `npm run train -- [--check] [--loso]`
 * Fits the offline summarizer's learned layers (mood, action items, category) to the labelled training sets and
 * writes their weights next to them in server/summaries/engine/offline/. Run it after changing what a layer reads
 * (the analysis, the rules it compares with, its features) or the labelled sets, and commit the result.
 * --check exits non-zero when a committed file is not what the current code and calls give; --loso
 * prints, per set, the rules against each layer trained without that set.
 */

const weightsFile = (name: string) =>
  fileURLToPath(new URL(`../summaries/engine/offline/${name}.weights.json`, import.meta.url));
const percent = (part: number, whole: number) =>
  `${whole ? ((100 * part) / whole).toFixed(1) : '0.0'}%`.padStart(7);

function printTable(title: string, header: string[], rows: string[][]) {
  console.log(`\n${title}`);
  const widths = header.map((cell, column) =>
    Math.max(cell.length, ...rows.map((row) => row[column]?.length ?? 0)),
  );
  for (const row of [header, ...rows])
    console.log(
      row
        .map((cell, column) => (column === 0 ? cell.padEnd(widths[column]!) : cell.padStart(widths[column]!)))
        .join('  '),
    );
}

const sum = <T>(rows: readonly T[], pick: (row: T) => number) =>
  rows.reduce((total, row) => total + pick(row), 0);

/** Per set, the share of calls the rules and the learned layer got right, and the total. */
function printShares(
  title: string,
  rows: ReadonlyArray<{ set: string; calls: number; rulesCorrect: number; learnedCorrect: number }>,
) {
  const total = {
    set: 'all',
    calls: sum(rows, (row) => row.calls),
    rulesCorrect: sum(rows, (row) => row.rulesCorrect),
    learnedCorrect: sum(rows, (row) => row.learnedCorrect),
  };
  printTable(
    title,
    ['set left out', 'calls', 'rules', 'learned'],
    [...rows, total].map((row) => [
      row.set,
      String(row.calls),
      percent(row.rulesCorrect, row.calls),
      percent(row.learnedCorrect, row.calls),
    ]),
  );
}

async function main(): Promise<number> {
  const { values } = parseArgs({
    options: { check: { type: 'boolean', default: false }, loso: { type: 'boolean', default: false } },
  });
  const fixtures = (await Promise.all(TRAINING_SETS.map((set) => loadSet(set)))).flat();
  const calls = readLabelledCalls(fixtures);
  const sentiment = sentimentExamples(calls);
  const actions = actionCalls(calls);
  const actionModel = trainActionModel(actions);
  const categories = categoryExamples(calls);

  if (values.loso) {
    printShares(
      'Mood: share of calls right (the rules now tuned on every set, the layer trained without the set)',
      leaveOneSetOut(sentiment),
    );
    const items = leaveOneSetOutActions(actions);
    const itemTotal = {
      set: 'all',
      calls: sum(items, (r) => r.calls),
      expected: sum(items, (r) => r.expected),
      rules: { matched: sum(items, (r) => r.rules.matched), predicted: sum(items, (r) => r.rules.predicted) },
      learned: {
        matched: sum(items, (r) => r.learned.matched),
        predicted: sum(items, (r) => r.learned.predicted),
      },
    };
    printTable(
      'Action items: recall / precision',
      ['set left out', 'calls', 'items', 'rules R', 'rules P', 'learned R', 'learned P'],
      [...items, itemTotal].map((row) => [
        row.set,
        String(row.calls),
        String(row.expected),
        percent(row.rules.matched, row.expected),
        percent(row.rules.matched, row.rules.predicted),
        percent(row.learned.matched, row.expected),
        percent(row.learned.matched, row.learned.predicted),
      ]),
    );
    printShares(
      "Category: share of calls right (the model for default categories, the rules for an organization's own)",
      leaveOneSetOutCategory(categories),
    );
    console.log('');
  }

  const files = [
    ['learned-sentiment', trainSentimentModel(sentiment)],
    ['learned-action-items', actionModel],
    ['learned-category', trainCategoryModel(categories)],
  ] as const;
  let stale = 0;
  for (const [name, model] of files) {
    const content = `${JSON.stringify(model)}\n`;
    if (values.check) {
      if ((await readFile(weightsFile(name), 'utf8').catch(() => '')) === content)
        console.log(`${name}.weights.json is up to date`);
      else {
        console.error(`${name}.weights.json is stale: run \`npm run train\` and commit the result`);
        stale += 1;
      }
    } else {
      await writeFile(weightsFile(name), content);
      console.log(`wrote ${name}.weights.json`);
    }
  }
  if (!values.check) console.log(`trained on ${calls.length} calls from ${TRAINING_SETS.join(', ')}`);
  return stale > 0 ? 1 : 0;
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(error instanceof Error ? error.message : String(error));
    process.exit(1);
  },
);
