import { parseArgs } from 'node:util';
import { createSummarizer, type Summarizer } from '../summaries/engine';
import { categoriesOf, HELD_OUT_SETS, LABELLED_SETS, loadSet, type Fixture } from '../summaries/engine/evaluation/fixtures';
import {
  aggregate,
  GOALS,
  missedGoals,
  scoreCall,
  type CallScore,
  type EvalReport,
} from '../summaries/engine/evaluation/score';

/**
 * `npm run eval -- [--provider local|openai] [--set <set>|all] [--verbose]`, sets as in evaluation/fixtures.ts
 * Summarizes every labelled transcript in tests/fixtures/transcripts/<set>/ and prints accuracy per
 * field, action-item recall and precision, contact accuracy and time per call (CPU time, which the
 * goal is judged on, and wall time). Exits non-zero when the offline summarizer misses a goal on
 * the held-out set (the calls it was not tuned on).
 */

/** Touches every code path once (NLP model, phone metadata, email check) before anything is timed. */
const WARM_UP = [
  'Agent: Thanks for calling Acme, how can I help?',
  'Customer: I was charged twice. My email is sam.lee@example.com and my cell is 415-555-0100.',
  "Agent: I've refunded it and I'll email you a confirmation by Friday.",
  'Customer: Great, thanks so much!',
].join('\n');

const isHeldOut = (set: string) => (HELD_OUT_SETS as readonly string[]).includes(set);

async function run(summarizer: Summarizer, fixtures: readonly Fixture[]): Promise<CallScore[]> {
  const scores: CallScore[] = [];
  for (const fixture of fixtures) {
    const started = performance.now();
    const cpuStarted = process.cpuUsage();
    const summary = await summarizer.summarize({
      transcript: fixture.transcript,
      categories: categoriesOf(fixture),
      ...(fixture.label.agentNames ? { agentNames: fixture.label.agentNames } : {}),
      redactPii: true,
    });
    const cpu = process.cpuUsage(cpuStarted);
    scores.push(
      scoreCall(fixture.name, summary, fixture.label, {
        ms: performance.now() - started,
        cpuMs: (cpu.user + cpu.system) / 1000,
      }),
    );
  }
  return scores;
}

const percent = (value: number) => `${(value * 100).toFixed(1)}%`;

function printReport(title: string, report: EvalReport) {
  const rows: Array<[string, string, string]> = [
    ['category accuracy', percent(report.category), `>= ${percent(GOALS.category)}`],
    ['sentiment accuracy', percent(report.sentiment), `>= ${percent(GOALS.sentiment)}`],
    ['outcome accuracy', percent(report.outcome), `>= ${percent(GOALS.outcome)}`],
    ['action items recall', percent(report.actionRecall), `>= ${percent(GOALS.actionRecall)}`],
    ['action items precision', percent(report.actionPrecision), `>= ${percent(GOALS.actionPrecision)}`],
    ['contact email accuracy', percent(report.email), `>= ${percent(GOALS.email)}`],
    ['contact phone accuracy', percent(report.phone), `>= ${percent(GOALS.phone)}`],
    ['mean CPU ms per call', report.meanCpuMs.toFixed(1), `< ${GOALS.meanMs}`],
    ['p95 CPU ms per call', report.p95CpuMs.toFixed(1), ''],
    ['mean wall ms per call', report.meanMs.toFixed(1), ''],
    ['p95 wall ms per call', report.p95Ms.toFixed(1), ''],
  ];
  console.log(`\n${title} (${report.calls} calls)`);
  console.log(`${'metric'.padEnd(26)}${'value'.padStart(10)}   goal`);
  for (const [metric, value, goal] of rows)
    console.log(`${metric.padEnd(26)}${value.padStart(10)}   ${goal}`);
}

function printCalls(scores: readonly CallScore[]) {
  for (const score of scores) {
    const mark = (ok: boolean) => (ok ? 'ok' : 'XX');
    console.log(
      `${score.name.padEnd(46)} cat ${mark(score.category)} sent ${mark(score.sentiment)} out ${mark(score.outcome)} ` +
        `actions ${score.actionsMatched}/${score.actionsExpected} of ${score.actionsPredicted} email ${mark(score.email)} phone ${mark(score.phone)} ${score.ms.toFixed(0)} ms (${score.cpuMs.toFixed(0)} CPU)`,
    );
    if (
      !score.category ||
      !score.sentiment ||
      !score.outcome ||
      score.actionsMatched !== score.actionsExpected ||
      score.actionsPredicted !== score.actionsMatched ||
      !score.email ||
      !score.phone
    ) {
      console.log(`    -> ${JSON.stringify(score.predicted)}`);
    }
  }
}

async function main(): Promise<number> {
  const { values } = parseArgs({
    options: {
      provider: { type: 'string', default: 'local' },
      set: { type: 'string', default: 'all' },
      verbose: { type: 'boolean', default: false },
    },
  });
  const provider = values.provider;
  if (provider !== 'local' && provider !== 'openai') throw new Error('--provider must be local or openai');
  const sets: string[] = values.set === 'all' ? [...LABELLED_SETS] : [values.set];
  if (!sets.every((set) => (LABELLED_SETS as readonly string[]).includes(set)))
    throw new Error(`--set must be ${[...LABELLED_SETS, 'all'].join(', ')}`);

  const summarizer = createSummarizer({
    provider,
    openaiApiKey: process.env.OPENAI_API_KEY,
    openaiBaseUrl: process.env.OPENAI_BASE_URL,
    model: process.env.OPENAI_MODEL,
  });
  console.log(`provider ${summarizer.provider}, model ${summarizer.model}`);
  if (provider === 'local') {
    // The NLP model loads once per process; time it apart from the per-call figures.
    const started = performance.now();
    await summarizer.summarize({ transcript: WARM_UP, categories: [], redactPii: true });
    console.log(
      `NLP model load and warm-up: ${(performance.now() - started).toFixed(0)} ms (once per process)`,
    );
  }

  let failed = false;
  for (const set of sets) {
    const scores = await run(summarizer, await loadSet(set));
    if (values.verbose) printCalls(scores);
    const report = aggregate(scores);
    printReport(set, report);
    const missed = missedGoals(report);
    if (missed.length > 0) console.log(`missed goals on ${set}: ${missed.join('; ')}`);
    if (isHeldOut(set) && provider === 'local' && missed.length > 0) failed = true;
  }
  return failed ? 1 : 0;
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(error instanceof Error ? error.message : String(error));
    process.exit(1);
  },
);
