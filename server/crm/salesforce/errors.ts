import { z } from 'zod';
import { CrmAuthError, CrmError, CrmNotFoundError, CrmRateLimitedError, CrmUnavailableError, CrmValidationError } from '../errors';

/**
 * jsforce failures -> our error types. REST errors arrive as `[{ message, errorCode, fields }]`, which
 * jsforce turns into an error named after `errorCode` (or MULTIPLE_API_ERRORS with all of them in
 * `data`); bodies that are not JSON become ERROR_HTTP_<status>.
 */

const apiErrorSchema = z.object({ errorCode: z.string(), message: z.string(), data: z.unknown().optional() });
const errorListSchema = z.array(z.object({ errorCode: z.string(), message: z.string() }).loose());

const AUTH_CODES = new Set(['INVALID_SESSION_ID', 'API_DISABLED_FOR_ORG', 'API_CURRENTLY_DISABLED', 'INVALID_OPERATION_WITH_EXPIRED_PASSWORD', 'ERROR_HTTP_401']);
const UNAVAILABLE_CODES = new Set(['UNKNOWN_EXCEPTION', 'SERVER_UNAVAILABLE', 'UNABLE_TO_LOCK_ROW']);
const NOT_FOUND_CODES = new Set(['NOT_FOUND', 'ENTITY_IS_DELETED', 'ERROR_HTTP_404']);

// Salesforce sends no Retry-After. Concurrent-request limits clear in seconds; the daily allocation is a
// rolling 24-hour pool, so waiting a while frees some of it.
const CONCURRENT_LIMIT_RETRY_SECONDS = 30;
const DAILY_LIMIT_RETRY_SECONDS = 15 * 60;

function classify(errorCode: string, message: string, cause: unknown): CrmError {
  if (errorCode === 'REQUEST_LIMIT_EXCEEDED' || errorCode === 'ERROR_HTTP_429') {
    const seconds = /concurrent/i.test(message) ? CONCURRENT_LIMIT_RETRY_SECONDS : DAILY_LIMIT_RETRY_SECONDS;
    return new CrmRateLimitedError(seconds, `Salesforce API limit: ${message}`);
  }
  if (AUTH_CODES.has(errorCode)) return new CrmAuthError(`Salesforce no longer accepts this connection: ${message}`, { cause });
  if (UNAVAILABLE_CODES.has(errorCode) || /^ERROR_HTTP_5\d\d$/.test(errorCode)) {
    return new CrmUnavailableError(`Salesforce failed (${errorCode}).`, { cause });
  }
  if (NOT_FOUND_CODES.has(errorCode)) return new CrmNotFoundError(`Salesforce has no such record: ${message}`);
  return new CrmValidationError(message);
}

export function toCrmError(error: unknown, what: string): CrmError {
  if (error instanceof CrmError) return error;
  const apiError = apiErrorSchema.safeParse(error);
  if (!apiError.success) return new CrmUnavailableError(`Salesforce could not be reached (${what}).`, { cause: error });
  const { errorCode, message, data } = apiError.data;
  if (errorCode === 'MULTIPLE_API_ERRORS') {
    const errors = errorListSchema.safeParse(data);
    if (errors.success && errors.data[0]) {
      const mapped = errors.data.map((entry) => classify(entry.errorCode, entry.message, error));
      // A retryable cause wins; otherwise all the CRM's messages are shown together.
      const retryable = mapped.find((candidate) => candidate.retryable);
      if (retryable) return retryable;
      if (mapped.every((candidate) => candidate instanceof CrmValidationError)) {
        return new CrmValidationError(errors.data.map((entry) => entry.message).join(' '));
      }
      return mapped[0] ?? classify(errorCode, message, error);
    }
  }
  return classify(errorCode, message, error);
}
