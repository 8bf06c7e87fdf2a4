import { z } from 'zod';
import {
  generatedSummarySchema,
  type GeneratedSummary,
  type SummaryContent,
  type TokenUsage,
} from '../../../contract/summary';
import { SummarizerError } from '../errors';
import { contactPhone } from '../pii/phones';
import type { Redactor } from '../pii/redact';
import type { Category } from '../types';
import type { SummaryReply } from './schema';

/** The model's JSON, checked against our schema and mapped onto the summary contract. */

export function parseJsonReply<T>(content: string, schema: z.ZodType<T>, what: string): T {
  let json: unknown;
  try {
    json = JSON.parse(content);
  } catch {
    throw new SummarizerError(`The AI returned ${what} that is not valid JSON.`, 'invalid_output');
  }
  const parsed = schema.safeParse(json);
  if (!parsed.success) {
    const fields = [...new Set(parsed.error.issues.map((issue) => issue.path.join('.') || '(root)'))]
      .slice(0, 8)
      .join(', ');
    throw new SummarizerError(`The AI's ${what} does not match the schema (${fields}).`, 'invalid_output');
  }
  return parsed.data;
}

const words = (text: string) =>
  new Set(
    text
      .toLowerCase()
      .split(/[^a-z0-9]+/)
      .filter(Boolean),
  );

/** Exactly one of the organization's names: the same name in another case, else the closest by shared words. */
export function matchCategory(answer: string, categories: readonly Category[]): string {
  const exact =
    categories.find((category) => category.name === answer) ??
    categories.find((category) => category.name.toLowerCase() === answer.trim().toLowerCase());
  if (exact) return exact.name;
  const said = words(answer);
  let best: { name: string; overlap: number } | undefined;
  for (const category of categories) {
    const own = words(category.name);
    const shared = [...own].filter((word) => said.has(word)).length;
    const overlap = shared === 0 ? 0 : (2 * shared) / (own.size + said.size);
    if (overlap > 0 && (!best || overlap > best.overlap)) best = { name: category.name, overlap };
  }
  if (best) return best.name;
  throw new SummarizerError(
    `The AI chose "${answer.slice(0, 60)}", which is not one of the organization's categories.`,
    'invalid_output',
  );
}

const clip = (text: string, max: number) => (text.length <= max ? text : `${text.slice(0, max - 1)}…`);

function contactFrom(
  reply: SummaryReply['contact'],
  redactor: Redactor,
  fallback: SummaryContent['contact'],
): SummaryContent['contact'] {
  const email = reply.email ? redactor.restore(reply.email).trim() : undefined;
  const phoneText = reply.phone ? redactor.restore(reply.phone).trim() : undefined;
  const validEmail = email && z.email().safeParse(email).success ? email.toLowerCase() : undefined;
  const validPhone = phoneText ? contactPhone(phoneText) : undefined;
  const chosenEmail = validEmail ?? fallback.email;
  const chosenPhone = validPhone ?? fallback.phone;
  return { ...(chosenEmail ? { email: chosenEmail } : {}), ...(chosenPhone ? { phone: chosenPhone } : {}) };
}

export interface BuildSummaryInput {
  reply: SummaryReply;
  categories: readonly Category[];
  redactor: Redactor;
  /** Contact details found in the transcript itself, used when the model gives none. */
  fallbackContact: SummaryContent['contact'];
  model: string;
  promptVersion: string;
  usage: TokenUsage;
}

export function buildSummary({
  reply,
  categories,
  redactor,
  fallbackContact,
  model,
  promptVersion,
  usage,
}: BuildSummaryInput): GeneratedSummary {
  // Emails and phones were kept aside for the CRM anyway; in the prose, values read better than placeholders.
  const text = (value: string, max: number) => clip(redactor.restore(value).trim(), max);
  const keyPoints = reply.keyPoints.map((point) => text(point, 500)).filter(Boolean);
  for (const extra of [reply.outcome.detail, reply.reason])
    if (keyPoints.length < 2 && extra.trim()) keyPoints.push(text(extra, 500));

  const summary = generatedSummarySchema.safeParse({
    reason: text(reply.reason, 500),
    keyPoints: keyPoints.slice(0, 6),
    outcome: { status: reply.outcome.status, detail: text(reply.outcome.detail, 1000) },
    actionItems: reply.actionItems
      .filter((item) => item.text.trim())
      .slice(0, 20)
      .map((item) => ({
        text: text(item.text, 500),
        owner: item.owner,
        due: item.due?.trim() ? clip(item.due.trim(), 100) : null,
      })),
    sentiment: {
      label: reply.sentiment.label,
      score: Math.max(-1, Math.min(1, Number.isFinite(reply.sentiment.score) ? reply.sentiment.score : 0)),
    },
    category: matchCategory(reply.category, categories),
    contact: contactFrom(reply.contact, redactor, fallbackContact),
    provider: 'openai',
    model,
    promptVersion,
    usage,
  });
  if (!summary.success) {
    const fields = [...new Set(summary.error.issues.map((issue) => issue.path.join('.')))].join(', ');
    throw new SummarizerError(
      `The AI's summary does not meet the summary contract (${fields}).`,
      'invalid_output',
    );
  }
  return summary.data;
}
