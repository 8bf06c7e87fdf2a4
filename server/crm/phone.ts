import { parsePhoneNumberFromString, type CountryCode } from 'libphonenumber-js';

/**
 * Phone numbers are stored in CRMs exactly as someone typed them, so every comparison goes through
 * E.164. The default region decides how numbers without a country code are read.
 */

export type PhoneRegion = CountryCode;

export const DEFAULT_PHONE_REGION: PhoneRegion = 'US';

export interface NormalizedPhone {
  /** "+14155550134" */
  e164: string;
  /** The national significant number, digits only: "4155550134" (what CRMs index for search). */
  nationalDigits: string;
}

/** Null for anything that is not a valid number; extensions are dropped. */
export function normalizePhone(raw: string | null | undefined, defaultRegion: PhoneRegion = DEFAULT_PHONE_REGION): NormalizedPhone | null {
  if (!raw || raw.trim() === '') return null;
  const parsed = parsePhoneNumberFromString(raw, defaultRegion);
  if (!parsed?.isValid()) return null;
  return { e164: parsed.number, nationalDigits: parsed.nationalNumber };
}

export function toE164(raw: string | null | undefined, defaultRegion: PhoneRegion = DEFAULT_PHONE_REGION): string | null {
  return normalizePhone(raw, defaultRegion)?.e164 ?? null;
}

/** True when any of the stored values is the same number as `e164`, however it was typed. */
export function samePhone(e164: string, stored: ReadonlyArray<string | null | undefined>, defaultRegion: PhoneRegion = DEFAULT_PHONE_REGION): boolean {
  return stored.some((value) => toE164(value, defaultRegion) === e164);
}
