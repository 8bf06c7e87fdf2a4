import { createOfflineSummarizer } from './offline';
import { createOpenAiSummarizer } from './openai';
import type { Summarizer } from './types';

export { estimateCostUsd } from './cost';
export { OFFLINE_MODEL, summarizeOffline } from './offline';
export { PROMPT_VERSION } from './prompt';
export { redactPii } from './redact';
export { parseTranscript, TranscriptParseError, type ParsedTranscript, type Turn } from './transcript';
export { SummarizerError, type CategoryOption, type SummarizeInput, type Summarizer } from './types';

export interface SummarizerOptions {
  provider?: 'openai' | 'local';
  openaiApiKey?: string;
  openaiBaseUrl?: string;
  model?: string;
  timeoutMs?: number;
  maxRetries?: number;
  maxInputTokens?: number;
}

/** OpenAI (or any compatible server) when a key is configured; the offline summarizer otherwise. */
export function createSummarizer(options: SummarizerOptions = {}): Summarizer {
  const provider = options.provider ?? (options.openaiApiKey ? 'openai' : 'local');
  if (provider === 'local') return createOfflineSummarizer();
  if (!options.openaiApiKey) throw new Error('The openai provider needs OPENAI_API_KEY.');
  return createOpenAiSummarizer({
    apiKey: options.openaiApiKey,
    ...(options.openaiBaseUrl ? { baseUrl: options.openaiBaseUrl } : {}),
    ...(options.model ? { model: options.model } : {}),
    ...(options.timeoutMs ? { timeoutMs: options.timeoutMs } : {}),
    ...(options.maxRetries !== undefined ? { maxRetries: options.maxRetries } : {}),
    ...(options.maxInputTokens ? { maxInputTokens: options.maxInputTokens } : {}),
  });
}
