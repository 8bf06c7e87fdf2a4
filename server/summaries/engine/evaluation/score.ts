import type { GeneratedSummary } from '../../../contract/summary';
import { dice, itemStems } from '../offline/learned-action-items';
import type { FixtureLabel } from './labels';

/** How a summary compares with its label, and the goals the offline summarizer must meet. */

export const GOALS = {
  category: 0.8,
  sentiment: 0.8,
  outcome: 0.75,
  actionRecall: 0.7,
  actionPrecision: 0.7,
  email: 0.95,
  phone: 0.95,
  meanMs: 200,
} as const;

/** Fuzzy action-item match: Dice overlap of word stems, minus function words, of at least this. */
export const ACTION_MATCH_THRESHOLD = 0.5;
export function tokenOverlap(a: string, b: string): number {
  return dice(itemStems(a), itemStems(b));
}

/** Greedy one-to-one matching, best pairs first. */
export function matchActionItems(predicted: readonly string[], expected: readonly string[]): number {
  const pairs: Array<{ p: number; e: number; overlap: number }> = [];
  predicted.forEach((p, pi) =>
    expected.forEach((e, ei) => pairs.push({ p: pi, e: ei, overlap: tokenOverlap(p, e) })),
  );
  pairs.sort((a, b) => b.overlap - a.overlap);
  const usedP = new Set<number>();
  const usedE = new Set<number>();
  for (const pair of pairs) {
    if (pair.overlap < ACTION_MATCH_THRESHOLD || usedP.has(pair.p) || usedE.has(pair.e)) continue;
    usedP.add(pair.p);
    usedE.add(pair.e);
  }
  return usedP.size;
}

function phoneDigits(phone: string | undefined): string | undefined {
  if (!phone) return undefined;
  const digits = phone.replace(/\D/g, '');
  return digits.slice(-10);
}

export interface CallScore {
  name: string;
  category: boolean;
  sentiment: boolean;
  outcome: boolean;
  actionsExpected: number;
  actionsPredicted: number;
  actionsMatched: number;
  email: boolean;
  phone: boolean;
  /** Wall-clock time of the summarize call. */
  ms: number;
  /** CPU time the process spent on it: the code's own cost, apart from waiting for a busy machine. */
  cpuMs: number;
  predicted: Pick<GeneratedSummary, 'category' | 'sentiment' | 'outcome' | 'actionItems' | 'contact'>;
}

export function scoreCall(
  name: string,
  summary: GeneratedSummary,
  label: FixtureLabel,
  timing: { ms: number; cpuMs: number },
): CallScore {
  const predictedActions = summary.actionItems.map((item) => item.text);
  return {
    name,
    category: summary.category === label.category,
    sentiment: summary.sentiment.label === label.sentiment,
    outcome: summary.outcome.status === label.outcome,
    actionsExpected: label.actionItems.length,
    actionsPredicted: predictedActions.length,
    actionsMatched: matchActionItems(predictedActions, label.actionItems),
    email:
      (summary.contact.email?.toLowerCase() ?? undefined) ===
      (label.contact.email?.toLowerCase() ?? undefined),
    phone: phoneDigits(summary.contact.phone) === phoneDigits(label.contact.phone),
    ms: timing.ms,
    cpuMs: timing.cpuMs,
    predicted: {
      category: summary.category,
      sentiment: summary.sentiment,
      outcome: summary.outcome,
      actionItems: summary.actionItems,
      contact: summary.contact,
    },
  };
}

export interface EvalReport {
  calls: number;
  category: number;
  sentiment: number;
  outcome: number;
  actionRecall: number;
  actionPrecision: number;
  email: number;
  phone: number;
  meanMs: number;
  p95Ms: number;
  meanCpuMs: number;
  p95CpuMs: number;
}

export function aggregate(scores: readonly CallScore[]): EvalReport {
  const share = (pick: (score: CallScore) => boolean) =>
    scores.length ? scores.filter(pick).length / scores.length : 0;
  const sum = (pick: (score: CallScore) => number) => scores.reduce((total, score) => total + pick(score), 0);
  const matched = sum((score) => score.actionsMatched);
  const expected = sum((score) => score.actionsExpected);
  const predicted = sum((score) => score.actionsPredicted);
  const p95 = (values: number[]) => {
    const sorted = [...values].sort((a, b) => a - b);
    return sorted.length
      ? (sorted[Math.min(sorted.length - 1, Math.ceil(sorted.length * 0.95) - 1)] ?? 0)
      : 0;
  };
  const mean = (values: number[]) =>
    values.length ? values.reduce((total, value) => total + value, 0) / values.length : 0;
  const wall = scores.map((score) => score.ms);
  const cpu = scores.map((score) => score.cpuMs);
  return {
    calls: scores.length,
    category: share((score) => score.category),
    sentiment: share((score) => score.sentiment),
    outcome: share((score) => score.outcome),
    actionRecall: expected ? matched / expected : 1,
    actionPrecision: predicted ? matched / predicted : 1,
    email: share((score) => score.email),
    phone: share((score) => score.phone),
    meanMs: mean(wall),
    p95Ms: p95(wall),
    meanCpuMs: mean(cpu),
    p95CpuMs: p95(cpu),
  };
}

/** The goals a report misses, as readable lines; empty when all are met. */
export function missedGoals(report: EvalReport): string[] {
  const missed: string[] = [];
  const atLeast = (key: Exclude<keyof typeof GOALS, 'meanMs'>) => {
    if (report[key] < GOALS[key])
      missed.push(`${key} ${(report[key] * 100).toFixed(1)}% < ${(GOALS[key] * 100).toFixed(0)}%`);
  };
  (
    ['category', 'sentiment', 'outcome', 'actionRecall', 'actionPrecision', 'email', 'phone'] as const
  ).forEach(atLeast);
  // The time goal is judged on CPU time: on a shared machine wall time also counts waiting for a core.
  if (report.meanCpuMs >= GOALS.meanMs)
    missed.push(`mean ${report.meanCpuMs.toFixed(1)} ms CPU >= ${GOALS.meanMs} ms a call`);
  return missed;
}
