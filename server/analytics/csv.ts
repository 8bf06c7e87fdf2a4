import type { AnalyticsReport, PerformanceRow } from '../contract/api';

export type AnalyticsCsvReport = 'agents' | 'queues' | 'trend' | 'categories';
type Cell = string | number | null;

/** A spreadsheet runs text starting with these as a formula (CSV injection); a leading quote keeps it text. */
const FORMULA_START = /^[=+\-@\t\r]/;

/**
 * RFC 4180 quoting, plus the formula guard for text. Numbers are written as numbers: a negative
 * sentiment is data, not a formula, and must stay summable in the spreadsheet.
 */
export function csvCell(value: Cell): string {
  if (value === null) return '';
  if (typeof value === 'number') return Number.isFinite(value) ? String(value) : '';
  const text = FORMULA_START.test(value) ? `'${value}` : value;
  return /[",\n\r]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

function csvLines(header: string[], rows: Cell[][]): string {
  // The byte-order mark makes Excel read the file as UTF-8 (names with accents).
  return '\uFEFF' + [header, ...rows].map((row) => row.map(csvCell).join(',') + '\r\n').join('');
}

const PERFORMANCE_HEADER = [
  'Engagements',
  'Average handle time (s)',
  'Positive',
  'Neutral',
  'Negative',
  'Resolved',
  'Unresolved',
  'Follow-up',
  'Approval rate',
  'Edit rate',
  'Median time to approval (s)',
  'CRM sync success rate',
];

function performanceCells(row: PerformanceRow): Cell[] {
  return [
    row.name,
    row.engagements,
    row.averageHandleSeconds,
    row.sentiment.positive,
    row.sentiment.neutral,
    row.sentiment.negative,
    row.outcomes.resolved,
    row.outcomes.unresolved,
    row.outcomes.follow_up,
    row.approvalRate,
    row.editRate,
    row.medianSecondsToApproval,
    row.crmSyncSuccessRate,
  ];
}

/** One table of the report as a CSV file, with the download name it should be saved under. */
export function analyticsCsv(report: AnalyticsReport, kind: AnalyticsCsvReport): { filename: string; body: string } {
  const filename = `callrecap-${kind}-${report.period.from.slice(0, 10)}-to-${report.period.to.slice(0, 10)}.csv`;
  switch (kind) {
    case 'agents':
      return { filename, body: csvLines(['Agent', ...PERFORMANCE_HEADER], report.byAgent.map(performanceCells)) };
    case 'queues':
      return { filename, body: csvLines(['Queue', ...PERFORMANCE_HEADER], report.byQueue.map(performanceCells)) };
    case 'trend':
      return {
        filename,
        body: csvLines(
          ['Day (UTC)', 'Engagements', 'Positive', 'Neutral', 'Negative', 'Average sentiment'],
          report.trend.map((point) => [point.day, point.engagements, point.positive, point.neutral, point.negative, point.averageSentiment]),
        ),
      };
    case 'categories':
      return {
        filename,
        body: csvLines(['Category', 'Engagements'], report.categories.map((row) => [row.category, row.engagements])),
      };
  }
}
