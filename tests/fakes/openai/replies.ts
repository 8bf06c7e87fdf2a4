import { summarizeOffline } from '../../../server/summaries/engine';
import type { GeneratedSummary } from '../../../server/contract/summary';

/**
 * What the fake model "writes". For our schemas (call_summary, call_notes) it runs the offline
 * summarizer over the conversation in the request, so answers fit the call like a real model's
 * would; for any other JSON schema it fills the schema with empty values of the right types.
 */

interface SchemaNode {
  type?: string | string[];
  enum?: unknown[];
  properties?: Record<string, SchemaNode>;
  items?: SchemaNode;
  anyOf?: SchemaNode[];
}

const PLACEHOLDER = (kind: 'EMAIL' | 'PHONE') => new RegExp(`^Customer[^:]*:.*?(\\[${kind}_\\d+\\])`, 'm');

function categoriesFrom(schema: SchemaNode, system: string): Array<{ name: string; description: string }> {
  const names = (schema.properties?.category?.enum ?? []).filter(
    (name): name is string => typeof name === 'string',
  );
  // The system prompt lists "- Name: description"; descriptions make custom categories work.
  return (names.length ? names : ['General Inquiry']).map((name) => {
    const line = system.split('\n').find((candidate) => candidate.startsWith(`- ${name}:`));
    return { name, description: line ? line.slice(name.length + 3).trim() : '' };
  });
}

function conversationOf(user: string): string {
  const body = user.replace(/^Conversation:\n/, '').replace(/^Part \d+ of \d+:\n/, '');
  return /^[^\n:]{1,60}:/m.test(body) ? body : `Customer: ${body}`;
}

function summarize(user: string, categories: Array<{ name: string; description: string }>): GeneratedSummary {
  try {
    return summarizeOffline({ transcript: conversationOf(user), categories, redactPii: false });
  } catch {
    return summarizeOffline({ transcript: 'Customer: I have a question.', categories, redactPii: false });
  }
}

/** A real model copies the placeholder it saw; the offline summarizer cannot read redacted values. */
function contactOf(summary: GeneratedSummary, user: string) {
  return {
    email: summary.contact.email ?? PLACEHOLDER('EMAIL').exec(user)?.[1] ?? null,
    phone: summary.contact.phone ?? PLACEHOLDER('PHONE').exec(user)?.[1] ?? null,
  };
}

export function summaryReply(schema: SchemaNode, system: string, user: string): Record<string, unknown> {
  const categories = categoriesFrom(schema, system);
  const summary = summarize(user, categories);
  return {
    reason: summary.reason,
    keyPoints: summary.keyPoints,
    outcome: summary.outcome,
    actionItems: summary.actionItems,
    sentiment: summary.sentiment,
    category: summary.category,
    contact: contactOf(summary, user),
  };
}

export function notesReply(user: string): Record<string, unknown> {
  const summary = summarize(user, [{ name: 'General Inquiry', description: '' }]);
  return {
    customerIssue: summary.reason,
    keyPoints: summary.keyPoints,
    actionItems: summary.actionItems,
    contact: contactOf(summary, user),
    customerMood: summary.sentiment.label,
  };
}

/** Any other schema: the emptiest valid value. */
export function emptyValueFor(schema: SchemaNode): unknown {
  if (schema.enum?.length) return schema.enum[0];
  if (schema.anyOf?.length) return emptyValueFor(schema.anyOf[0] as SchemaNode);
  const type = Array.isArray(schema.type) ? schema.type[0] : schema.type;
  switch (type) {
    case 'object':
      return Object.fromEntries(
        Object.entries(schema.properties ?? {}).map(([key, child]) => [key, emptyValueFor(child)]),
      );
    case 'array':
      return [];
    case 'string':
      return '';
    case 'number':
    case 'integer':
      return 0;
    case 'boolean':
      return false;
    default:
      return null;
  }
}

export function replyFor(
  format: { name: string; schema: Record<string, unknown> },
  system: string,
  user: string,
): string {
  const schema = format.schema as SchemaNode;
  if (format.name === 'call_summary') return JSON.stringify(summaryReply(schema, system, user));
  if (format.name === 'call_notes') return JSON.stringify(notesReply(user));
  return JSON.stringify(emptyValueFor(schema));
}

export function plainTextReply(user: string): string {
  const summary = summarize(user, [{ name: 'General Inquiry', description: '' }]);
  return [summary.reason, ...summary.keyPoints.map((point) => `- ${point}`)].join('\n');
}
