import { z } from 'zod';

/**
 * What the model is asked to return. Strict structured outputs need every property present
 * ("absent" is null) and reject some JSON-Schema keywords, so lengths and ranges are checked after
 * parsing rather than sent. The category is an enum of this organization's names, built per call.
 */

const actionItem = z.object({
  text: z.string().describe('What is to be done, as an instruction.'),
  owner: z.enum(['agent', 'customer']).nullable(),
  due: z.string().nullable().describe('Deadline in the words used, or null.'),
});
const contact = z.object({ email: z.string().nullable(), phone: z.string().nullable() });

export function summaryOutputSchema(categoryNames: readonly [string, ...string[]]) {
  return z.object({
    reason: z.string(),
    keyPoints: z.array(z.string()).describe('2 to 6 items.'),
    outcome: z.object({ status: z.enum(['resolved', 'unresolved', 'follow_up']), detail: z.string() }),
    actionItems: z.array(actionItem),
    sentiment: z.object({
      label: z.enum(['positive', 'neutral', 'negative']),
      score: z.number().describe('From -1 to 1.'),
    }),
    category: z.enum(categoryNames),
    contact,
  });
}

/** The same shape, with the category left open: servers that do not enforce the schema are mapped, not trusted. */
export const summaryReplySchema = summaryOutputSchema(['_']).extend({ category: z.string() });
export type SummaryReply = z.infer<typeof summaryReplySchema>;

export const chunkNotesSchema = z.object({
  customerIssue: z.string(),
  keyPoints: z.array(z.string()),
  actionItems: z.array(actionItem),
  contact,
  customerMood: z.enum(['positive', 'neutral', 'negative']),
});
export type ChunkNotes = z.infer<typeof chunkNotesSchema>;
