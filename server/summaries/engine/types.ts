import type { GeneratedSummary } from '../../contract/summary';

export interface CategoryOption {
  name: string;
  description: string;
}

export interface SummarizeInput {
  /** Raw transcript: WebVTT, "Speaker: text" lines, or JSON turns. Held in memory only. */
  transcript: string;
  categories: CategoryOption[];
  /** The engagement's agent names, to tell the agent from the customer. */
  agentNames?: string[];
  /** Redact card, bank, SSN, email and phone numbers before text leaves for an AI provider. */
  redactPii: boolean;
  signal?: AbortSignal;
}

/** Every provider behind one interface: the job never knows which one wrote the summary. */
export interface Summarizer {
  readonly provider: 'openai' | 'local';
  readonly model: string;
  summarize(input: SummarizeInput): Promise<GeneratedSummary>;
}

export class SummarizerError extends Error {
  constructor(
    message: string,
    readonly kind: 'refusal' | 'invalid_output' | 'provider_error' | 'timeout',
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.name = 'SummarizerError';
  }
}
