// Apart from the provider so that the spend estimate and createSummarizer can read them without loading the openai SDK.
/**
 * Time budget. One HTTP attempt may take `timeoutMs`; the SDK retries connection errors, 429 and 5xx
 * `maxRetries` times (backoff 0.5–8 s, or the server's Retry-After). On top, one deadline covers the
 * whole summary, chunks included: 150 s, half of the engagement.process job's 300 s expiry, so a
 * job is never still waiting on OpenAI when pg-boss hands it to another worker.
 */
export const OPENAI_DEFAULTS = {
  model: 'gpt-4o-mini',
  timeoutMs: 45_000,
  maxRetries: 2,
  deadlineMs: 150_000,
  /** Transcript tokens per request; longer calls are summarized in chunks, then merged. Fits 16k-context local models. */
  maxInputTokens: 8_000,
  /** Chunk requests in flight at once. */
  concurrency: 3,
} as const;
