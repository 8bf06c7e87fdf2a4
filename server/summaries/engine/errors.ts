/**
 * What a summarizer throws, whatever the provider: callers branch on `kind`, never on SDK classes.
 * `retryable` tells the job whether another attempt can help (a refusal or bad output will repeat).
 */
export type SummarizerErrorKind =
  | 'refusal'
  | 'invalid_output'
  | 'provider_error'
  | 'rate_limited'
  | 'auth'
  | 'request_rejected'
  | 'timeout'
  | 'aborted'
  | 'invalid_transcript'
  | 'invalid_input';

const RETRYABLE: ReadonlySet<SummarizerErrorKind> = new Set(['provider_error', 'rate_limited', 'timeout']);

export class SummarizerError extends Error {
  readonly retryable: boolean;

  constructor(
    message: string,
    readonly kind: SummarizerErrorKind,
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.name = 'SummarizerError';
    this.retryable = RETRYABLE.has(kind);
  }
}
