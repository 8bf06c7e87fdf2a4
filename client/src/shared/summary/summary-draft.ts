import type { ActionItem, SummaryContent } from '../../../../server/contract/summary';

/** Pure edits of a summary draft: each returns a new content object (drafts live in reducers). */

export function replaceAt<T>(list: readonly T[], index: number, value: T): T[] {
  return list.map((item, i) => (i === index ? value : item));
}

export function removeAt<T>(list: readonly T[], index: number): T[] {
  return list.filter((_, i) => i !== index);
}

/** Moves one item by `offset` places; out-of-range moves leave the list as it is. */
export function move<T>(list: readonly T[], index: number, offset: number): T[] {
  const target = index + offset;
  if (index < 0 || index >= list.length || target < 0 || target >= list.length) return [...list];
  const next = [...list];
  const [item] = next.splice(index, 1);
  next.splice(target, 0, item as T);
  return next;
}

export const MAX_KEY_POINTS = 6;
export const MIN_KEY_POINTS = 2;
export const MAX_ACTION_ITEMS = 20;

export function addKeyPoint(content: SummaryContent): SummaryContent {
  if (content.keyPoints.length >= MAX_KEY_POINTS) return content;
  return { ...content, keyPoints: [...content.keyPoints, ''] };
}

export function addActionItem(content: SummaryContent): SummaryContent {
  if (content.actionItems.length >= MAX_ACTION_ITEMS) return content;
  const blank: ActionItem = { text: '', owner: 'agent', due: null };
  return { ...content, actionItems: [...content.actionItems, blank] };
}

/** Whitespace-only differences are not edits worth a new version. */
export function sameContent(a: SummaryContent, b: SummaryContent): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}
