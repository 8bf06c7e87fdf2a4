import { z } from 'zod';
import { CrmAuthError, CrmError, CrmNotFoundError, CrmRateLimitedError, CrmUnavailableError, CrmValidationError } from '../errors';

/**
 * HubSpot SDK failures -> our error types. The SDK throws an ApiException per generated module
 * (so `instanceof` would need a dozen imports); its shape is the same everywhere: `code` is the
 * HTTP status, `body` the parsed error, `headers` lower-cased.
 */

const apiExceptionSchema = z.object({
  code: z.number().int(),
  headers: z.record(z.string(), z.string()).catch({}),
  body: z.unknown(),
});

// The SDK keeps only the documented error fields (message, category, errors...), not policyName.
const errorBodySchema = z
  .object({
    message: z.string().optional(),
    category: z.string().optional(),
    status: z.string().optional(),
    errors: z.array(z.object({ message: z.string() }).loose()).optional(),
  })
  .loose();

export interface HubSpotFailure {
  status: number;
  message: string;
  category?: string;
  headers: Record<string, string>;
}

/** The HTTP failure inside an SDK error, or null for network/parse errors. */
export function readHubSpotFailure(error: unknown): HubSpotFailure | null {
  const exception = apiExceptionSchema.safeParse(error);
  if (!exception.success || exception.data.code < 100) return null;
  const body = errorBodySchema.safeParse(exception.data.body);
  const message = body.success ? (body.data.message ?? body.data.status) : undefined;
  return {
    status: exception.data.code,
    message: message ?? `HubSpot answered HTTP ${exception.data.code}.`,
    category: body.success ? body.data.category : undefined,
    headers: exception.data.headers,
  };
}

/** "Property values were not valid: [{...,"message":"..."}]" -> the inner messages, which users can act on. */
export function readableValidationMessage(message: string): string {
  const prefix = 'Property values were not valid: ';
  if (!message.startsWith(prefix)) return message;
  const parsed = z.array(z.object({ message: z.string() }).loose()).safeParse(safeJson(message.slice(prefix.length)));
  return parsed.success && parsed.data.length > 0 ? parsed.data.map((entry) => entry.message).join('; ') : message;
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

function retryAfterSeconds(failure: HubSpotFailure): number {
  const header = Number(failure.headers['retry-after']);
  if (Number.isFinite(header) && header > 0) return Math.ceil(header);
  // Without the header: the rolling window is ten seconds, the search limit is per second, the daily cap resets overnight.
  if (/secondly limit/i.test(failure.message)) return 1;
  if (/daily/i.test(failure.message)) return 3600;
  return 10;
}

export function toCrmError(error: unknown, what: string): CrmError {
  if (error instanceof CrmError) return error;
  const failure = readHubSpotFailure(error);
  if (!failure) return new CrmUnavailableError(`HubSpot could not be reached (${what}).`, { cause: error });
  const { status, message } = failure;
  if (status === 429) return new CrmRateLimitedError(retryAfterSeconds(failure), `HubSpot rate limit: ${message}`);
  if (status >= 500) return new CrmUnavailableError(`HubSpot failed (${what}): HTTP ${status}.`, { cause: error });
  if (status === 401) return new CrmAuthError(`HubSpot no longer accepts this connection: ${message}`, { cause: error });
  if (status === 403) return new CrmAuthError(`HubSpot refused access (${message}). Reconnect HubSpot to grant the needed permissions.`, { cause: error });
  if (status === 404) return new CrmNotFoundError(`HubSpot has no such record (${what}).`);
  return new CrmValidationError(readableValidationMessage(message));
}
