import type { ActionItem, SummaryContent } from '../contract/summary';

/**
 * The approved summary as the body of a CRM call record: simple HTML for HubSpot's hs_call_body,
 * plain text for Salesforce's Task.Description. Both keep the same order and wording so agents see
 * the same note in either CRM, and both stay under the field's size limit by dropping whole list
 * items or sections (never cutting through markup) and saying so.
 */

export const HUBSPOT_BODY_MAX_CHARS = 65_536;
export const SALESFORCE_DESCRIPTION_MAX_CHARS = 32_000;
const FOOTER = 'Summarized by CallRecap';
const TRUNCATED = '(Shortened to fit the CRM field.)';

interface Section {
  label: string;
  text?: string;
  items?: string[];
}

const OUTCOME_LABELS: Record<SummaryContent['outcome']['status'], string> = {
  resolved: 'Resolved',
  unresolved: 'Unresolved',
  follow_up: 'Follow-up needed',
};

function capitalize(word: string): string {
  return word.charAt(0).toUpperCase() + word.slice(1);
}

function describeActionItem(item: ActionItem): string {
  const owner = item.owner ? `${capitalize(item.owner)}: ` : '';
  const due = item.due ? ` (due ${item.due})` : '';
  return `${owner}${item.text}${due}`;
}

function sections(summary: SummaryContent, agentName?: string): Section[] {
  const score = summary.sentiment.score;
  const outcome = OUTCOME_LABELS[summary.outcome.status];
  return [
    { label: 'Reason', text: summary.reason },
    { label: 'Key points', items: summary.keyPoints },
    { label: 'Outcome', text: summary.outcome.detail ? `${outcome}. ${summary.outcome.detail}` : outcome },
    { label: 'Action items', items: summary.actionItems.map(describeActionItem) },
    { label: 'Sentiment', text: `${capitalize(summary.sentiment.label)} (${score > 0 ? '+' : ''}${score.toFixed(2)})` },
    { label: 'Category', text: summary.category },
    ...(agentName ? [{ label: 'Agent', text: agentName }] : []),
  ];
}

interface Renderer {
  section(section: Section): string;
  footer(truncated: boolean): string;
  separator: string;
}

/** Adds whole sections until `max` would be passed; of the section that overflows, keeps the items that fit. */
function renderWithin(all: Section[], renderer: Renderer, max: number): string {
  const budget = max - renderer.separator.length - renderer.footer(true).length;
  const join = (head: string, tail: string) => (head === '' ? tail : `${head}${renderer.separator}${tail}`);
  let body = '';
  for (const section of all) {
    const whole = join(body, renderer.section(section));
    if (whole.length <= budget) {
      body = whole;
      continue;
    }
    const items = [...(section.items ?? [])];
    for (items.pop(); items.length > 0; items.pop()) {
      const partial = join(body, renderer.section({ ...section, items }));
      if (partial.length <= budget) {
        body = partial;
        break;
      }
    }
    return join(body, renderer.footer(true));
  }
  return join(body, renderer.footer(false));
}

export function escapeHtml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&#39;');
}

const htmlRenderer: Renderer = {
  separator: '',
  section({ label, text, items }) {
    const heading = `<strong>${escapeHtml(label)}:</strong>`;
    if (!items) return `<p>${heading} ${escapeHtml(text ?? '')}</p>`;
    if (items.length === 0) return `<p>${heading} None</p>`;
    return `<p>${heading}</p><ul>${items.map((item) => `<li>${escapeHtml(item)}</li>`).join('')}</ul>`;
  },
  footer: (truncated) => `${truncated ? `<p>${TRUNCATED}</p>` : ''}<p><em>${FOOTER}</em></p>`,
};

const textRenderer: Renderer = {
  separator: '\n\n',
  section({ label, text, items }) {
    if (!items) return `${label}: ${text ?? ''}`;
    if (items.length === 0) return `${label}: None`;
    return `${label}:\n${items.map((item) => `- ${item}`).join('\n')}`;
  },
  footer: (truncated) => `${truncated ? `${TRUNCATED}\n\n` : ''}-- ${FOOTER}`,
};

/** HubSpot renders a small HTML subset in call notes; every user-written string is escaped. */
export function formatSummaryHtml(summary: SummaryContent, options: { agentName?: string; maxChars?: number } = {}): string {
  return renderWithin(sections(summary, options.agentName), htmlRenderer, options.maxChars ?? HUBSPOT_BODY_MAX_CHARS);
}

/** Salesforce shows Task.Description as plain text, line breaks kept. */
export function formatSummaryText(summary: SummaryContent, options: { agentName?: string; maxChars?: number } = {}): string {
  return renderWithin(sections(summary, options.agentName), textRenderer, options.maxChars ?? SALESFORCE_DESCRIPTION_MAX_CHARS);
}

/** Cuts a one-line value (a subject or title) to a field limit without splitting a surrogate pair. */
export function truncateLine(text: string, max: number): string {
  const chars = Array.from(text.replace(/\s+/g, ' ').trim());
  return chars.length <= max ? chars.join('') : `${chars.slice(0, max - 1).join('')}…`;
}
