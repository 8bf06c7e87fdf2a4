import type { CategoryOption } from './types';

/** Stored with every summary, so a change of wording can be told apart in the data. */
export const PROMPT_VERSION = 'summary-v1';

export function systemPrompt(categories: CategoryOption[]): string {
  const list = categories.map((c) => `- ${c.name}: ${c.description}`).join('\n');
  return [
    'You summarize customer calls and chats for a contact center. Write for the agent and their CRM.',
    'Rules:',
    '- reason: why the customer contacted us, one sentence.',
    '- keyPoints: 2 to 6 short factual statements.',
    '- outcome.status: "resolved" if the need was met on the call; "follow_up" if something was promised to happen after the call; "unresolved" otherwise. outcome.detail: one sentence.',
    '- actionItems: only what someone promised to do. An offer the customer declined is not an action item. owner is "agent", "customer" or null; due is the stated deadline or null.',
    "- sentiment: the customer's sentiment by the END of the call; score from -1 (very negative) to 1 (very positive).",
    '- category: exactly one of these:',
    list,
    '- contact: the email and phone number the customer gave, if any. Placeholders like [EMAIL_1] or [PHONE_1] stand for redacted values: copy the placeholder as is.',
    'Never invent facts that are not in the transcript.',
  ].join('\n');
}

export const CHUNK_NOTES_PROMPT =
  'This is one part of a long customer call. List the facts needed to summarize the whole call later: the customer’s problem, what was tried, decisions, promises with owners and deadlines, contact details given, and how the customer sounds at the end of this part. Be terse.';
