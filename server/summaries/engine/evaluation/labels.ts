import { z } from 'zod';
import { outcomeStatusSchema, sentimentLabelSchema } from '../../../contract/summary';
import { categorySchema } from '../types';

/** A labelled transcript's expected answers (tests/fixtures/transcripts/{dev,heldout}/*.label.json). */
export const fixtureLabelSchema = z.object({
  category: z.string().min(1),
  sentiment: sentimentLabelSchema,
  outcome: outcomeStatusSchema,
  /** What was promised, in any wording; matched fuzzily. */
  actionItems: z.array(z.string().min(1)),
  contact: z.object({ email: z.string().optional(), phone: z.string().optional() }),
  agentNames: z.array(z.string()).optional(),
  /** The organization's own categories, when not the defaults. */
  categories: z.array(categorySchema).optional(),
});
export type FixtureLabel = z.infer<typeof fixtureLabelSchema>;
