/** The only error transcript parsing throws: anything else escaping a parser is a bug. */
export type TranscriptParseErrorCode = 'empty' | 'too_large' | 'no_turns' | 'invalid_json_turns';

export class TranscriptParseError extends Error {
  constructor(
    readonly code: TranscriptParseErrorCode,
    message: string,
  ) {
    super(message);
    this.name = 'TranscriptParseError';
  }
}
