/**
 * The only errors a CRM adapter throws. Callers decide on retry, re-authorization or showing the
 * message from these types alone; SDK errors never leave an adapter.
 */

export abstract class CrmError extends Error {
  /** Whether trying the same request again later can succeed. */
  abstract readonly retryable: boolean;
}

/** The CRM said "too many requests" (or our own limiter refused to wait that long). */
export class CrmRateLimitedError extends CrmError {
  readonly retryable = true;
  constructor(
    readonly retryAfterSeconds: number,
    message = `The CRM rate limit was reached; retry in ${retryAfterSeconds}s.`,
  ) {
    super(message);
    this.name = 'CrmRateLimitedError';
  }
}

/** 5xx, a network failure or a timeout: the CRM may be fine again shortly. */
export class CrmUnavailableError extends CrmError {
  readonly retryable = true;
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'CrmUnavailableError';
  }
}

/** The stored grant no longer works (refresh failed, revoked, missing scopes): the user must reconnect. */
export class CrmAuthError extends CrmError {
  readonly retryable = false;
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'CrmAuthError';
  }
}

/** The CRM rejected the data; `message` is the CRM's own wording, fit to show the user. */
export class CrmValidationError extends CrmError {
  readonly retryable = false;
  constructor(message: string) {
    super(message);
    this.name = 'CrmValidationError';
  }
}

/** The record we meant to change is gone (deleted in the CRM); the caller may log a new one. */
export class CrmNotFoundError extends CrmError {
  readonly retryable = false;
  constructor(message: string) {
    super(message);
    this.name = 'CrmNotFoundError';
  }
}
