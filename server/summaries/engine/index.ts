/** The summarization engine: pure library code (no database), one Summarizer interface, two providers. */
export { createSummarizer, type SummarizerOptions } from './create';
export { SummarizerError, type SummarizerErrorKind } from './errors';
export { estimateCostUsd, PRICES_PER_MILLION_TOKENS } from './cost';
export {
  createOfflineSummarizer,
  summarizeOffline,
  OFFLINE_MODEL,
  OFFLINE_RULES_VERSION,
} from './offline/summarizer';
export { createOpenAiSummarizer, OPENAI_DEFAULTS, type OpenAiSummarizerOptions } from './openai/summarizer';
export { PROMPT_VERSION } from './openai/prompt';
export { estimateTokens } from './openai/chunking';
export { createRedactor, redactPii, type RedactionResult, type Redactor } from './pii/redact';
export { parseTranscript, MAX_TRANSCRIPT_CHARS } from './transcript/parse';
export { TranscriptParseError, type TranscriptParseErrorCode } from './transcript/errors';
export type {
  Category,
  CategoryOption,
  ParsedTranscript,
  SpeakerRole,
  SummarizeInput,
  Summarizer,
  TranscriptFormat,
  TranscriptTurn,
} from './types';
/** The name callers used before `TranscriptTurn`. */
export type { TranscriptTurn as Turn } from './types';
