import { createOfflineSummarizer } from './offline/summarizer';
import { createOpenAiSummarizer } from './openai/summarizer';
import type { Summarizer } from './types';

export interface SummarizerOptions {
  /** Defaults to 'openai' when an API key is given, else 'local' (the offline summarizer). */
  provider?: 'openai' | 'local';
  openaiApiKey?: string;
  openaiBaseUrl?: string;
  model?: string;
  timeoutMs?: number;
  maxRetries?: number;
  deadlineMs?: number;
  maxInputTokens?: number;
}

export function createSummarizer(options: SummarizerOptions = {}): Summarizer {
  const provider = options.provider ?? (options.openaiApiKey ? 'openai' : 'local');
  if (provider === 'local') return createOfflineSummarizer();
  if (!options.openaiApiKey) throw new Error('The openai provider needs an API key (OPENAI_API_KEY).');
  return createOpenAiSummarizer({
    apiKey: options.openaiApiKey,
    ...(options.openaiBaseUrl ? { baseUrl: options.openaiBaseUrl } : {}),
    ...(options.model ? { model: options.model } : {}),
    ...(options.timeoutMs !== undefined ? { timeoutMs: options.timeoutMs } : {}),
    ...(options.maxRetries !== undefined ? { maxRetries: options.maxRetries } : {}),
    ...(options.deadlineMs !== undefined ? { deadlineMs: options.deadlineMs } : {}),
    ...(options.maxInputTokens !== undefined ? { maxInputTokens: options.maxInputTokens } : {}),
  });
}
