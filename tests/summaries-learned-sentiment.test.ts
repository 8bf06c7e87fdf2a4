import { readFileSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_CATEGORIES } from '../server/contract/summary';
import { categoriesOf, loadSet, TRAINING_SETS, type Fixture } from '../server/summaries/engine/evaluation/fixtures';
import { readLabelledCalls } from '../server/summaries/engine/evaluation/labelled-calls';
import {
  leaveOneSetOut,
  sentimentExamples,
  trainSentimentModel,
  type SentimentExample,
} from '../server/summaries/engine/evaluation/train-sentiment';
import {
  FEATURES_PER_LABEL,
  learnedSentiment,
  SENTIMENT_LABELS,
  sentimentFeatures,
} from '../server/summaries/engine/offline/learned-sentiment';
import { endOfCallSentiment } from '../server/summaries/engine/offline/sentiment';
import { readCall, summarizeOffline } from '../server/summaries/engine/offline/summarizer';

const read = (transcript: string) =>
  readCall({ transcript, categories: DEFAULT_CATEGORIES.map((category) => ({ ...category })), redactPii: true }).analysis;

/** Weights that always answer `label`, whatever the call says. */
function alwaysSay(label: (typeof SENTIMENT_LABELS)[number]): number[] {
  const weights = new Array<number>(SENTIMENT_LABELS.length * FEATURES_PER_LABEL).fill(0);
  weights[SENTIMENT_LABELS.indexOf(label) * FEATURES_PER_LABEL] = 10; // the bias feature
  return weights;
}

// Read once: every call goes through the rules' analysis.
let fixtures: Fixture[];
let examples: SentimentExample[];
beforeAll(async () => {
  fixtures = (await Promise.all(TRAINING_SETS.map((set) => loadSet(set)))).flat();
  examples = sentimentExamples(readLabelledCalls(fixtures));
});

// Fitting to the 400-odd training calls takes tens of seconds on a busy two-core CI machine.
describe('learned end-of-call sentiment', { timeout: 120_000 }, () => {
  it('the committed weights are exactly what `npm run train` fits to the training sets', () => {
    const committed = readFileSync(
      new URL('../server/summaries/engine/offline/learned-sentiment.weights.json', import.meta.url),
      'utf8',
    );
    expect(`${JSON.stringify(trainSentimentModel(examples))}\n`).toBe(committed);
  });

  it('is right on more calls than chance on sets it was not trained on (leave one set out)', () => {
    const rows = leaveOneSetOut(examples);
    const correct = rows.reduce((sum, row) => sum + row.learnedCorrect, 0);
    const calls = rows.reduce((sum, row) => sum + row.calls, 0);
    // A third is chance for three labels; the README reports the measured figure.
    expect(correct / calls).toBeGreaterThan(0.8);
  });

  it('reads only what the customer said at the end', () => {
    const ending = 'Customer: Thank you so much, that was really helpful!';
    const politeAgent = read(`Agent: Happy to help.\nCustomer: My invoice is wrong.\nAgent: Fixed it.\n${ending}`);
    const curtAgent = read(`Agent: What.\nCustomer: My invoice is wrong.\nAgent: This is ridiculous, fine, fixed.\n${ending}`);
    expect(sentimentFeatures(curtAgent)).toEqual(sentimentFeatures(politeAgent));
  });

  it('keeps the rules’ score when it agrees, and moves the score into the band of a label it changes', () => {
    const analysis = read('Agent: Anything else?\nCustomer: No, that is all, thank you so much, you were wonderful!');
    const rules = endOfCallSentiment(analysis);
    expect(learnedSentiment(analysis, rules, alwaysSay(rules.label))).toBe(rules);
    const negative = learnedSentiment(analysis, { label: 'positive', score: 0.7 }, alwaysSay('negative'));
    expect(negative.label).toBe('negative');
    expect(negative.score).toBeLessThanOrEqual(-0.2);
    const neutral = learnedSentiment(analysis, { label: 'positive', score: 0.7 }, alwaysSay('neutral'));
    expect(neutral.label).toBe('neutral');
    expect(Math.abs(neutral.score)).toBeLessThanOrEqual(0.15);
  });

  it('the summarizer reports the learned mood, which differs from the rules on some calls', () => {
    let changed = 0;
    for (const fixture of fixtures) {
      const input = {
        transcript: fixture.transcript,
        categories: categoriesOf(fixture),
        ...(fixture.label.agentNames ? { agentNames: fixture.label.agentNames } : {}),
        redactPii: true,
      };
      const { analysis } = readCall(input);
      const rules = endOfCallSentiment(analysis);
      const learned = learnedSentiment(analysis, rules);
      expect(summarizeOffline(input).sentiment, fixture.name).toEqual(learned);
      if (learned.label !== rules.label) changed += 1;
    }
    expect(changed).toBeGreaterThan(0);
  });
});
