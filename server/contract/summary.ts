import { z } from 'zod';

/** The structured summary: one schema for the engine, the API, the client and CRM sync. */

export const DEFAULT_CATEGORIES = [
  { name: 'Billing', description: 'Invoices, charges, refunds, payment methods, pricing questions.' },
  { name: 'Technical Support', description: 'Something does not work: errors, outages, setup, connectivity, bugs.' },
  { name: 'Sales', description: 'Interest in buying, upgrading, quotes, demos, new products or plans.' },
  { name: 'Account Changes', description: 'Update details, address, users, plan changes, passwords, ownership.' },
  { name: 'Cancellation', description: 'The customer wants to cancel, close the account or not renew.' },
  { name: 'Complaint', description: 'Dissatisfaction with the service, staff or the company; escalations.' },
  { name: 'General Inquiry', description: 'Questions and information requests that fit no other category.' },
] as const;

export const outcomeStatusSchema = z.enum(['resolved', 'unresolved', 'follow_up']);
export const sentimentLabelSchema = z.enum(['positive', 'neutral', 'negative']);
export const actionOwnerSchema = z.enum(['agent', 'customer']);

export const actionItemSchema = z.object({
  text: z.string().trim().min(1).max(500),
  owner: actionOwnerSchema.nullable(),
  due: z.string().max(100).nullable(),
});

/** The part of a summary a person (or the AI) writes; what agents edit. */
export const summaryContentSchema = z.object({
  reason: z.string().trim().min(1).max(500),
  keyPoints: z.array(z.string().trim().min(1).max(500)).min(2).max(6),
  outcome: z.object({ status: outcomeStatusSchema, detail: z.string().trim().max(1000) }),
  actionItems: z.array(actionItemSchema).max(20),
  sentiment: z.object({ label: sentimentLabelSchema, score: z.number().min(-1).max(1) }),
  category: z.string().trim().min(1).max(100),
  contact: z.object({
    email: z.string().email().max(320).optional(),
    phone: z.string().max(40).optional(),
  }),
});

export const tokenUsageSchema = z.object({
  inputTokens: z.number().int().nonnegative(),
  outputTokens: z.number().int().nonnegative(),
});

/** What the engine produces: the content plus where it came from. */
export const generatedSummarySchema = summaryContentSchema.extend({
  provider: z.enum(['openai', 'local']),
  model: z.string(),
  promptVersion: z.string(),
  usage: tokenUsageSchema,
});

export type OutcomeStatus = z.infer<typeof outcomeStatusSchema>;
export type SentimentLabel = z.infer<typeof sentimentLabelSchema>;
export type ActionItem = z.infer<typeof actionItemSchema>;
export type SummaryContent = z.infer<typeof summaryContentSchema>;
export type GeneratedSummary = z.infer<typeof generatedSummarySchema>;
export type TokenUsage = z.infer<typeof tokenUsageSchema>;
