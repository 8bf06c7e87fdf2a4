import { z } from 'zod';
import type { GeneratedSummary } from '../../contract/summary';

/** What every summarizer is given and promises; callers never see a provider SDK. */

export const categorySchema = z.object({
  name: z.string().trim().min(1).max(100),
  description: z.string().trim().max(1000).default(''),
});
export type Category = z.infer<typeof categorySchema>;

export const summarizeInputSchema = z.object({
  /** Raw transcript in any supported format: WebVTT, "Speaker: text" lines, or JSON turns. */
  transcript: z.string(),
  /** The organization's categories; the summary's category is always one of these names. */
  categories: z.array(categorySchema).max(100),
  agentNames: z.array(z.string().trim().min(1).max(200)).max(50).optional(),
  redactPii: z.boolean(),
  signal: z.instanceof(AbortSignal).optional(),
});
export interface SummarizeInput {
  /** Raw transcript in any supported format. Held in memory only: never stored or logged. */
  transcript: string;
  categories: Category[];
  /** The engagement's agent names, to tell the agent from the customer. */
  agentNames?: string[];
  /** Redact card, bank, SSN, email and phone numbers before text leaves for an AI provider. */
  redactPii: boolean;
  signal?: AbortSignal;
}

export type SummarizerProvider = 'openai' | 'local';

export interface Summarizer {
  provider: SummarizerProvider;
  model: string;
  summarize(input: SummarizeInput): Promise<GeneratedSummary>;
}

export const speakerRoleSchema = z.enum(['agent', 'customer', 'unknown']);
export type SpeakerRole = z.infer<typeof speakerRoleSchema>;

export interface TranscriptTurn {
  speaker: string;
  role: SpeakerRole;
  text: string;
  startSeconds?: number;
}

export type TranscriptFormat = 'webvtt' | 'plain' | 'json';

export interface ParsedTranscript {
  format: TranscriptFormat;
  turns: TranscriptTurn[];
}

/** The name callers used before `Category`; the same shape. */
export type CategoryOption = Category;
