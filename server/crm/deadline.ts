import { CrmUnavailableError } from './errors';

/**
 * Gives up on a CRM call after `ms`. Used where the SDK offers no way to abort a request (the
 * HubSpot client sends plain fetch without a signal): the request is abandoned, not cancelled, and
 * its late outcome is ignored.
 */
export async function withDeadline<T>(work: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const expired = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new CrmUnavailableError(`${what} did not answer within ${ms} ms.`)), ms);
  });
  // The abandoned request may still fail later; that must not become an unhandled rejection.
  work.catch(() => undefined);
  try {
    return await Promise.race([work, expired]);
  } finally {
    clearTimeout(timer);
  }
}
