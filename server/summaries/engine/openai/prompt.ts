import type { Category } from '../types';

/**
 * Stored with every summary (promptVersion), so a change of wording can be told apart in the data.
 * Bump it whenever any text below or the output schema changes.
 */
export const PROMPT_VERSION = 'summary-v1';

// Invariant instructions come first in every request so providers' prompt caching can reuse them.
const RULES = [
  'You summarize customer conversations (calls, chats, SMS) for a contact center. The summary is read by the agent and saved to their CRM.',
  'Lines start with "Agent" or "Customer". Placeholders such as [EMAIL_1], [PHONE_1], [CARD] or [SSN] stand for redacted personal data: never guess what they hide.',
  'Write in English, in the third person, factual and brief. Never invent facts that are not in the conversation.',
].join('\n');

export function summarySystemPrompt(categories: readonly Category[]): string {
  const list = categories
    .map((category) => `- ${category.name}${category.description ? `: ${category.description}` : ''}`)
    .join('\n');
  return [
    RULES,
    '',
    'Fill every field:',
    '- reason: why the customer got in touch, one sentence.',
    '- keyPoints: 2 to 6 short factual statements about what happened.',
    '- outcome.status: "resolved" when the need was met during the conversation; "follow_up" when something was promised to happen after it (a callback, a visit, a document to send, a review); "unresolved" when it ended with the problem still open and nothing promised. outcome.detail: one sentence.',
    '- actionItems: only what someone promised or was asked to do after the conversation. An offer the customer declined is not an action item; something done during the conversation is not one either. owner is "agent" (the company side), "customer", or null; due is the stated deadline in the words used, or null.',
    "- sentiment: the customer's sentiment by the END of the conversation; label positive, neutral or negative; score from -1 (very negative) to 1 (very positive).",
    '- category: exactly one of these names (the text after the colon explains it):',
    list,
    '- contact: the email address and phone number the customer gave or confirmed, else null. Copy placeholders such as [EMAIL_1] exactly.',
  ].join('\n');
}

export function notesSystemPrompt(): string {
  return [
    RULES,
    '',
    'You are reading one part of a long conversation; the parts are summarized together later. Record what is needed for that:',
    "- customerIssue: the customer's problem or request as it stands in this part (empty if not mentioned).",
    '- keyPoints: up to 8 short facts: what was tried, decided, changed, offered, accepted or declined.',
    '- actionItems: promises made in this part for after the conversation, with owner and due as stated (not declined offers, not things already done).',
    '- contact: email and phone the customer gave or confirmed in this part, else null (copy placeholders exactly).',
    '- customerMood: how the customer sounds at the end of this part.',
  ].join('\n');
}
