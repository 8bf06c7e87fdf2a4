import type { z } from 'zod';
import { analyticsCsvReportSchema, analyticsQuerySchema } from '../contract/api';

/** Longest window one request may aggregate: a year (plus a leap day), so a request stays bounded. */
export const MAX_PERIOD_DAYS = 366;
const DAY_MS = 86_400_000;

/** The report's window, half-open [from, to), and its optional narrowing to one agent or queue. */
export interface Period {
  from: Date;
  to: Date;
  agentId?: string;
  queueId?: string;
}

function checkWindow(value: { from: string; to: string }, ctx: z.core.$RefinementCtx): void {
  const span = Date.parse(value.to) - Date.parse(value.from);
  if (span <= 0) ctx.addIssue({ code: 'custom', path: ['to'], message: '"to" must be after "from"' });
  if (span > MAX_PERIOD_DAYS * DAY_MS) ctx.addIssue({ code: 'custom', path: ['to'], message: `the period may span at most ${MAX_PERIOD_DAYS} days` });
}

const periodSchema = analyticsQuerySchema.superRefine(checkWindow);
const csvQuerySchema = analyticsQuerySchema.extend({ report: analyticsCsvReportSchema }).superRefine(checkWindow);

function toPeriod(query: z.infer<typeof analyticsQuerySchema>): Period {
  return { from: new Date(query.from), to: new Date(query.to), agentId: query.agentId, queueId: query.queueId || undefined };
}

/** Parses ?from&to[&agentId&queueId]; a ZodError (400 with the reason) when it is not a usable window. */
export function parsePeriod(query: unknown): Period {
  return toPeriod(periodSchema.parse(query));
}

export function parseCsvQuery(query: unknown): { period: Period; report: z.infer<typeof analyticsCsvReportSchema> } {
  const parsed = csvQuerySchema.parse(query);
  return { period: toPeriod(parsed), report: parsed.report };
}

/** Every UTC day the window touches, as YYYY-MM-DD: the trend has a point for each, even an empty one. */
export function utcDays(period: Period): string[] {
  const days: string[] = [];
  const last = Math.floor((period.to.getTime() - 1) / DAY_MS);
  for (let day = Math.floor(period.from.getTime() / DAY_MS); day <= last; day++) {
    days.push(new Date(day * DAY_MS).toISOString().slice(0, 10));
  }
  return days;
}
