import { diffWords } from 'diff';
import type { SummaryContent } from '../../../../../server/contract/summary';
import { OUTCOME_LABELS, OWNER_LABELS, SENTIMENT_LABELS } from '../../../shared/summary/summary-labels';

export interface DiffPart {
  text: string;
  kind: 'same' | 'added' | 'removed';
}

export interface SectionDiff {
  label: string;
  changed: boolean;
  parts: DiffPart[];
}

/** A summary as labelled plain-text sections: what a person compares when reviewing an edit. */
export function summarySections(content: SummaryContent): Array<{ label: string; text: string }> {
  const contact = [content.contact.email, content.contact.phone].filter(Boolean).join(' · ');
  return [
    { label: 'Reason', text: content.reason },
    { label: 'Key points', text: content.keyPoints.map((point) => `• ${point}`).join('\n') },
    { label: 'Outcome', text: content.outcome.detail ? `${OUTCOME_LABELS[content.outcome.status]}: ${content.outcome.detail}` : OUTCOME_LABELS[content.outcome.status] },
    {
      label: 'Action items',
      text: content.actionItems.length
        ? content.actionItems
            .map((item, i) => {
              const meta = [item.owner ? OWNER_LABELS[item.owner] : null, item.due ? `due ${item.due}` : null].filter(Boolean).join(', ');
              return `${i + 1}. ${item.text}${meta ? ` (${meta})` : ''}`;
            })
            .join('\n')
        : 'None',
    },
    { label: 'Sentiment', text: SENTIMENT_LABELS[content.sentiment.label] },
    { label: 'Category', text: content.category },
    { label: 'Contact', text: contact || 'None' },
  ];
}

/** Word-level differences, section by section, from `original` (the AI's version 1) to `revised`. */
export function diffSummaries(original: SummaryContent, revised: SummaryContent): SectionDiff[] {
  const before = summarySections(original);
  const after = summarySections(revised);
  return after.map((section, i) => {
    const old = before[i]?.text ?? '';
    if (old === section.text) return { label: section.label, changed: false, parts: [{ text: section.text, kind: 'same' }] };
    const parts: DiffPart[] = diffWords(old, section.text).map((change) => ({
      text: change.value,
      kind: change.added ? 'added' : change.removed ? 'removed' : 'same',
    }));
    return { label: section.label, changed: true, parts };
  });
}

/** How many words were added and removed overall: the one-line summary of an edit. */
export function diffStats(sections: SectionDiff[]): { added: number; removed: number } {
  const words = (text: string) => text.split(/\s+/).filter(Boolean).length;
  let added = 0;
  let removed = 0;
  for (const section of sections) {
    for (const part of section.parts) {
      if (part.kind === 'added') added += words(part.text);
      if (part.kind === 'removed') removed += words(part.text);
    }
  }
  return { added, removed };
}
