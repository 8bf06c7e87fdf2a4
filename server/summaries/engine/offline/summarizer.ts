import {
  generatedSummarySchema,
  type GeneratedSummary,
  type SummaryContent,
} from '../../../contract/summary';
import { SummarizerError } from '../errors';
import { createRedactor } from '../pii/redact';
import { TranscriptParseError } from '../transcript/errors';
import { parseTranscript } from '../transcript/parse';
import { checkedInput } from '../input';
import type { Category, SummarizeInput, Summarizer, TranscriptTurn } from '../types';
import { analyze, type Analysis } from './analysis';
import { classify } from './category';
import { findCommitments } from './commitments';
import { findContact } from './contact';
import { keyPointsOf, outcomeDetailOf, reasonOf } from './narrative';
import { detectOutcome } from './outcome';
import { learnedActionItems, withItem } from './learned-action-items';
import { knowsCategories, learnedCategory } from './learned-category';
import { learnedSentiment } from './learned-sentiment';
import { endOfCallSentiment } from './sentiment';
import { OFFLINE_MODEL, OFFLINE_RULES_VERSION } from './version';

export { OFFLINE_MODEL, OFFLINE_RULES_VERSION };

/**
 * The call read once: turns parsed, contact details found (with who said them), PII redacted when
 * asked, so everything written into the summary comes from the redacted words, and sentences analysed.
 */
export function readCall(rawInput: SummarizeInput): {
  analysis: Analysis;
  contact: SummaryContent['contact'];
  categories: Category[];
  /** Puts the call's emails and phones back where the summary's words hold their placeholders. */
  restore: (text: string) => string;
} {
  const input = checkedInput(rawInput);
  let turns: TranscriptTurn[];
  try {
    turns = parseTranscript(input.transcript, { agentNames: input.agentNames }).turns;
  } catch (error) {
    if (error instanceof TranscriptParseError)
      throw new SummarizerError(error.message, 'invalid_transcript', { cause: error });
    throw error;
  }
  const redactor = createRedactor();
  const redacted = turns.map((turn) => redactor.redactWithFindings(turn.text));
  const contact = findContact(turns, redacted);
  if (input.redactPii) turns = turns.map((turn, index) => ({ ...turn, text: redacted[index]?.text ?? '' }));
  return {
    analysis: analyze(turns),
    contact,
    categories: input.categories,
    restore: (text) => redactor.restore(text),
  };
}

/**
 * THE OFFLINE SUMMARIZER: no AI model and no network. wink-nlp (sentences, stems, entities,
 * sentiment), the rules in this folder, and three small learned layers (mood, action items, category;
 * `npm run train`), deterministic and tens of milliseconds a call. It is the default without an OpenAI
 * key and always available as a fallback; `npm run eval` measures it.
 */
export function summarizeOffline(rawInput: SummarizeInput): GeneratedSummary {
  const { analysis, contact, categories, restore } = readCall(rawInput);
  const rulesSentiment = endOfCallSentiment(analysis);
  // The outcome rules were written against the promise rules and the rules' mood; the summary reports
  // the learned items and mood, which carried over to calls nobody had tuned on where the rules did not.
  // The outcome also reads the learned items for work handed on to someone else ("Quality will review").
  const commitments = findCommitments(analysis);
  const learnedItems = learnedActionItems(analysis);
  const outcome = detectOutcome(analysis, commitments, rulesSentiment, learnedItems);
  const sentiment = learnedSentiment(analysis, rulesSentiment);
  // "Follow-up needed" with no item saying what follows would contradict itself.
  const keepsOpen = outcome.status === 'follow_up' ? commitments.find((item) => item.followUp) : undefined;
  const actionItems = keepsOpen
    ? withItem(learnedItems, { text: keepsOpen.text, owner: keepsOpen.owner, due: keepsOpen.due })
    : learnedItems;

  // Nothing here leaves the machine, and "Email it to [EMAIL_2]" tells the agent nothing: emails and
  // phones go back in, as in the OpenAI provider's reply. Card, bank and SSN placeholders stay.
  const restored = (text: string, max = 500) => restore(text).slice(0, max);
  return generatedSummarySchema.parse({
    reason: restored(reasonOf(analysis)),
    keyPoints: keyPointsOf({ analysis, actionItems }).map((point) => restored(point)),
    outcome: {
      status: outcome.status,
      detail: restored(outcomeDetailOf(outcome.status, outcome, analysis), 1000),
    },
    actionItems: actionItems.map((item) => ({ ...item, text: restored(item.text) })),
    sentiment,
    category: knowsCategories(categories)
      ? learnedCategory(analysis, categories)
      : classify(analysis, categories),
    contact,
    provider: 'local',
    model: OFFLINE_MODEL,
    promptVersion: OFFLINE_RULES_VERSION,
    usage: { inputTokens: 0, outputTokens: 0 },
  });
}

export function createOfflineSummarizer(): Summarizer {
  return {
    provider: 'local',
    model: OFFLINE_MODEL,
    summarize(input) {
      if (input.signal?.aborted)
        return Promise.reject(new SummarizerError('Summarizing was cancelled.', 'aborted'));
      try {
        return Promise.resolve(summarizeOffline(input));
      } catch (error) {
        return Promise.reject(error instanceof Error ? error : new Error(String(error)));
      }
    },
  };
}
