import type { ActionItem, OutcomeStatus, SentimentLabel } from '../../../../server/contract/summary';

export const OUTCOME_LABELS: Record<OutcomeStatus, string> = {
  resolved: 'Resolved',
  unresolved: 'Unresolved',
  follow_up: 'Follow-up needed',
};

export const SENTIMENT_LABELS: Record<SentimentLabel, string> = {
  positive: 'Positive',
  neutral: 'Neutral',
  negative: 'Negative',
};

export const OWNER_LABELS: Record<NonNullable<ActionItem['owner']>, string> = {
  agent: 'Agent',
  customer: 'Customer',
};

export const OUTCOMES = Object.keys(OUTCOME_LABELS) as OutcomeStatus[];
export const SENTIMENTS = Object.keys(SENTIMENT_LABELS) as SentimentLabel[];

/** A score consistent with a label the agent picked by hand (the schema wants both). */
export function scoreForLabel(label: SentimentLabel, current: number): number {
  if (label === 'positive') return current > 0.15 ? current : 0.5;
  if (label === 'negative') return current < -0.15 ? current : -0.5;
  return Math.abs(current) <= 0.15 ? current : 0;
}
