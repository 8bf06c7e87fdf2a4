/**
 * The privacy policy is kept as the plain text legal approved (privacy-policy.txt, verbatim); this
 * turns its conventions (numbered headings, "•" bullets, "Label: text" paragraphs) into blocks.
 */

export interface LabelledText {
  label: string | null;
  text: string;
}

export type LegalBlock =
  | { kind: 'title'; text: string }
  | { kind: 'updated'; text: string }
  | { kind: 'heading'; text: string; id: string }
  | { kind: 'paragraph'; content: LabelledText }
  | { kind: 'list'; items: LabelledText[] };

const HEADING = /^\d+\.\s+\S/;
const BULLET = /^\s*[•*-]\s+/;
// "Zoom Account Information: When you…": a short lead-in without a sentence end.
const LEAD_IN = /^([A-Z][^.:]{1,48}):\s+(.+)$/;

function labelled(text: string): LabelledText {
  const match = LEAD_IN.exec(text);
  return match ? { label: match[1]!, text: match[2]! } : { label: null, text };
}

export function slugify(text: string): string {
  return text
    .toLowerCase()
    .replace(/^\d+\.\s*/, '')
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '');
}

export function parseLegalText(raw: string): LegalBlock[] {
  const blocks: LegalBlock[] = [];
  let sawTitle = false;
  for (const rawLine of raw.split(/\r?\n/)) {
    if (!rawLine.trim()) continue;
    const line = rawLine.trim();
    if (!sawTitle) {
      blocks.push({ kind: 'title', text: line });
      sawTitle = true;
    } else if (/^Last updated:/i.test(line)) {
      blocks.push({ kind: 'updated', text: line });
    } else if (HEADING.test(line)) {
      blocks.push({ kind: 'heading', text: line, id: slugify(line) });
    } else if (BULLET.test(rawLine)) {
      const item = labelled(rawLine.replace(BULLET, '').trim());
      const last = blocks[blocks.length - 1];
      if (last?.kind === 'list') last.items.push(item);
      else blocks.push({ kind: 'list', items: [item] });
    } else {
      blocks.push({ kind: 'paragraph', content: labelled(line) });
    }
  }
  return blocks;
}
