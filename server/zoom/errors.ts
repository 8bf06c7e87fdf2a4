/**
 * The only errors the Zoom modules throw. Callers choose between "retry later", "refresh the token
 * once", "ask the user to reconnect" and "give up" from these types alone. Messages never carry a
 * token, a transcript or a response body beyond Zoom's own short error message.
 */

export abstract class ZoomError extends Error {
  /** Whether the same request can succeed later without anyone doing anything. */
  abstract readonly retryable: boolean;
}

/** 401 (token expired, revoked or missing scopes) or 403: refresh once, then ask to reconnect. */
export class ZoomAuthError extends ZoomError {
  readonly retryable = false;
  constructor(
    readonly status: number,
    readonly zoomCode: number | undefined,
    message: string,
  ) {
    super(message);
    this.name = 'ZoomAuthError';
  }
}

/** 404: the engagement, recording or user does not exist (or is not visible to this app, or not ready yet). */
export class ZoomNotFoundError extends ZoomError {
  readonly retryable = false;
  constructor(
    readonly zoomCode: number | undefined,
    message: string,
  ) {
    super(message);
    this.name = 'ZoomNotFoundError';
  }
}

/** 429 that we would not wait out in-process (too many attempts, or a wait beyond our budget). */
export class ZoomRateLimitedError extends ZoomError {
  readonly retryable = true;
  constructor(
    readonly retryAfterMs: number,
    message = `Zoom rate limit reached; retry in ${Math.ceil(retryAfterMs / 1000)}s.`,
  ) {
    super(message);
    this.name = 'ZoomRateLimitedError';
  }
}

/** 5xx, network failure or timeout, after the bounded retries. */
export class ZoomUnavailableError extends ZoomError {
  readonly retryable = true;
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'ZoomUnavailableError';
  }
}

/** Zoom answered, but not in a shape or status we can use (other 4xx, invalid JSON, schema mismatch). */
export class ZoomResponseError extends ZoomError {
  readonly retryable = false;
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
    this.name = 'ZoomResponseError';
  }
}

export type ZoomOAuthErrorKind =
  'invalid_grant' | 'invalid_request' | 'invalid_client' | 'unavailable' | 'unexpected_response';

/** A failure at zoom.us/oauth; `invalid_grant` means the stored grant is dead and the user must re-authorize. */
export class ZoomOAuthError extends ZoomError {
  readonly retryable: boolean;
  constructor(
    readonly kind: ZoomOAuthErrorKind,
    message: string,
    readonly status?: number,
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.name = 'ZoomOAuthError';
    this.retryable = kind === 'unavailable';
  }

  /** The connection should be marked for re-authorization: retrying can never succeed. */
  get needsReauthorization(): boolean {
    return this.kind === 'invalid_grant';
  }
}
