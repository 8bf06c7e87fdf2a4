import type { z } from 'zod';
import { summaryContentSchema, type SummaryContent } from '../../../../server/contract/summary';

/** Field errors keyed by path ("reason", "keyPoints.2", "actionItems.0.text"), in form order. */
export type FieldErrors = Record<string, string>;

export type ValidationResult = { ok: true; content: SummaryContent } | { ok: false; errors: FieldErrors };

function messageFor(path: string, issue: z.core.$ZodIssue): string {
  const tooShort = issue.code === 'too_small';
  const tooLong = issue.code === 'too_big';
  if (path === 'reason')
    return tooLong ? 'Keep the reason under 500 characters.' : 'Say why the customer called.';
  if (path === 'keyPoints')
    return tooShort ? 'Add at least 2 key points.' : 'Keep it to 6 key points or fewer.';
  if (path.startsWith('keyPoints.'))
    return tooLong ? 'Keep each key point under 500 characters.' : 'Write the key point or remove it.';
  if (path === 'outcome.detail') return 'Keep the outcome detail under 1000 characters.';
  if (path === 'actionItems') return 'Keep it to 20 action items or fewer.';
  if (path.endsWith('.text') && path.startsWith('actionItems.'))
    return tooLong ? 'Keep each action item under 500 characters.' : 'Describe the action or remove it.';
  if (path.endsWith('.due')) return 'Keep the due date under 100 characters.';
  if (path === 'category') return 'Pick a category.';
  return issue.message;
}

/** The shared schema decides; this only turns its issues into words next to the right field. */
export function validateSummary(content: SummaryContent): ValidationResult {
  const parsed = summaryContentSchema.safeParse(content);
  if (parsed.success) return { ok: true, content: parsed.data };
  const errors: FieldErrors = {};
  for (const issue of parsed.error.issues) {
    const path = issue.path.map(String).join('.');
    errors[path] ??= messageFor(path, issue);
  }
  return { ok: false, errors };
}

/** The DOM id of a field's control, so errors can link to it and focus can move to the first one. */
export function fieldId(idPrefix: string, path: string): string {
  return `${idPrefix}-${path.replace(/\./g, '-')}`;
}
