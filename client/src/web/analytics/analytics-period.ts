import { z } from 'zod';

/**
 * The analytics page's period and narrowing, as they live in the URL. Analytics days are UTC days
 * (the API's trend and CSV files count by UTC day), so period bounds are UTC midnights.
 */

export const PERIOD_PRESETS = ['7d', '30d', '90d'] as const;
export type PeriodChoice = (typeof PERIOD_PRESETS)[number] | 'custom';
export const PERIOD_LABELS: Record<PeriodChoice, string> = { '7d': '7 days', '30d': '30 days', '90d': '90 days', custom: 'Custom' };
const PRESET_DAYS: Record<(typeof PERIOD_PRESETS)[number], number> = { '7d': 7, '30d': 30, '90d': 90 };
export const MAX_DAYS = 366;
const DAY_MS = 86_400_000;

const day = z.string().regex(/^\d{4}-\d{2}-\d{2}$/);
const selectionSchema = z.object({
  period: z.enum([...PERIOD_PRESETS, 'custom']).catch('30d'),
  from: day.optional().catch(undefined),
  to: day.optional().catch(undefined),
  agentId: z.string().uuid().optional().catch(undefined),
  queueId: z.string().min(1).max(200).optional().catch(undefined),
});
export type AnalyticsSelection = z.infer<typeof selectionSchema>;

export function parseSelection(params: URLSearchParams): AnalyticsSelection {
  const raw = Object.fromEntries(params);
  if (!raw.period && (raw.from || raw.to)) raw.period = 'custom';
  const parsed = selectionSchema.parse(raw);
  return parsed.period === 'custom' ? parsed : { ...parsed, from: undefined, to: undefined };
}

export function selectionToParams(selection: AnalyticsSelection): URLSearchParams {
  const params = new URLSearchParams();
  if (selection.period !== '30d') params.set('period', selection.period);
  if (selection.period === 'custom') {
    if (selection.from) params.set('from', selection.from);
    if (selection.to) params.set('to', selection.to);
  }
  if (selection.agentId) params.set('agentId', selection.agentId);
  if (selection.queueId) params.set('queueId', selection.queueId);
  return params;
}

export function utcDay(date: Date): string {
  return date.toISOString().slice(0, 10);
}

function utcMidnight(value: string): number {
  return Date.parse(`${value}T00:00:00Z`);
}

/** The inclusive UTC days a selection covers, or why it cannot be shown. */
export function selectionDays(selection: AnalyticsSelection, now: Date): { from: string; to: string } | { problem: string } {
  const today = utcDay(now);
  if (selection.period !== 'custom') {
    const from = utcDay(new Date(utcMidnight(today) - (PRESET_DAYS[selection.period] - 1) * DAY_MS));
    return { from, to: today };
  }
  if (!selection.from || !selection.to) return { problem: 'Pick a start and an end date.' };
  if (selection.from > selection.to) return { problem: 'The start date is after the end date.' };
  if ((utcMidnight(selection.to) - utcMidnight(selection.from)) / DAY_MS + 1 > MAX_DAYS) return { problem: `Pick at most ${MAX_DAYS} days.` };
  return { from: selection.from, to: selection.to };
}

/** The API's half-open [from, to) window for inclusive days. */
export function apiWindow(days: { from: string; to: string }): { from: string; to: string } {
  return { from: new Date(utcMidnight(days.from)).toISOString(), to: new Date(utcMidnight(days.to) + DAY_MS).toISOString() };
}

export function analyticsQuery(days: { from: string; to: string }, selection: AnalyticsSelection, extra: Record<string, string> = {}): string {
  const params = new URLSearchParams(extra);
  const window = apiWindow(days);
  params.set('from', window.from);
  params.set('to', window.to);
  if (selection.agentId) params.set('agentId', selection.agentId);
  if (selection.queueId) params.set('queueId', selection.queueId);
  return params.toString();
}
