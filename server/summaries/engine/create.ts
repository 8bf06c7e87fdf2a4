import { OFFLINE_MODEL } from './offline/version';
import { OPENAI_DEFAULTS } from './openai/defaults';
import type { Summarizer, SummarizerProvider } from './types';

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
  if (provider === 'local') {
    return loadedOnFirstUse('local', OFFLINE_MODEL, async () =>
      (await import('./offline/summarizer')).createOfflineSummarizer(),
    );
  }
  if (!options.openaiApiKey) throw new Error('The openai provider needs an API key (OPENAI_API_KEY).');
  const openai = {
    apiKey: options.openaiApiKey,
    ...(options.openaiBaseUrl ? { baseUrl: options.openaiBaseUrl } : {}),
    ...(options.model ? { model: options.model } : {}),
    ...(options.timeoutMs !== undefined ? { timeoutMs: options.timeoutMs } : {}),
    ...(options.maxRetries !== undefined ? { maxRetries: options.maxRetries } : {}),
    ...(options.deadlineMs !== undefined ? { deadlineMs: options.deadlineMs } : {}),
    ...(options.maxInputTokens !== undefined ? { maxInputTokens: options.maxInputTokens } : {}),
  };
  return loadedOnFirstUse('openai', openai.model ?? OPENAI_DEFAULTS.model, async () =>
    (await import('./openai/summarizer')).createOpenAiSummarizer(openai),
  );
}

/**
 * The provider's code is imported at its first summary: a process holds only the provider it uses
 * (wink-nlp and its English model, or the openai SDK), and one that never summarizes holds neither.
 */
function loadedOnFirstUse(
  provider: SummarizerProvider,
  model: string,
  load: () => Promise<Summarizer>,
): Summarizer {
  let loading: Promise<Summarizer> | undefined;
  return {
    provider,
    model,
    summarize(input) {
      loading ??= load();
      return loading.then((summarizer) => summarizer.summarize(input));
    },
  };
}
