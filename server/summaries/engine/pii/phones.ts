import { parsePhoneNumberFromString, type CountryCode } from 'libphonenumber-js';
import type { Found } from './emails';

/** North America, where people say a seven-digit local number without its area code. */
export const hasLocalNumbers = (country: CountryCode) => country === 'US' || country === 'CA';

/** How much text before a seven-digit number is read for what it is. */
export const LOCAL_NUMBER_CONTEXT = 80;
/** An identifier's name counts only this close before the number ("order number 555-0187"). */
const IDENTIFIER_REACH = 25;
/**
 * A seven-digit number as North Americans say a local one: "555-0187", "five five five, oh one eight
 * seven". Not after a capital letter or two: "R A 773-0548" is a plate or an agreement number.
 */
const LOCAL_NUMBER = /(?<![\d\p{L}-])(?<!\b\p{Lu}{1,2} )([2-9]\d{2})[-. ]?(\d{4})(?![\d\p{L}-])/gu;
const PHONE_CUE = /\b(?:phone|cell|mobile|landline|call(?:ed|s)?|reach|text|number|line)\b/g;
/** Words that name an identifier, which can be seven digits too: "order number 555-0187". */
const IDENTIFIER_CUE =
  /\b(?:order|invoice|account|case|ticket|confirmation|reference|ref|claim|policy|member|membership|tracking|serial|model|part|booking|reservation|job|unit|room|flight|route|id|pin|code|zip|agreement|contract|plate|license|licence|vin|receipt|transaction|application|permit)\b(?: number)?/g;
const lastIndexOf = (pattern: RegExp, text: string) => {
  let last = -1;
  for (const match of text.matchAll(pattern)) last = match.index + match[0].length;
  return last;
};

/** "Is 555-0171 still the best phone number?": the cue can follow in the same sentence. */
const PHONE_CUE_AFTER = /^[^.!?\n]{0,40}?\b(?:phone|number|cell|mobile|line)\b/;

/**
 * Seven-digit local numbers, which libphonenumber cannot place without an area code. Only near a word
 * that says it is a phone number ("use my cell, 555-0187", "is 555-0171 still the best number?"),
 * and not right after an identifier's name. Kept as said: nobody can know the area code, so they are
 * not in E.164 (CRM sync matches by the caller ID instead).
 */
export function localNumbers(text: string, previousText: string): Found[] {
  const found: Found[] = [];
  for (const match of text.matchAll(LOCAL_NUMBER)) {
    const before = `${previousText}\n${text.slice(0, match.index)}`
      .slice(-LOCAL_NUMBER_CONTEXT)
      .toLowerCase();
    const after = text.slice(match.index + match[0].length).toLowerCase();
    const phoneCue = PHONE_CUE_AFTER.test(after) ? before.length : lastIndexOf(PHONE_CUE, before);
    const near = before.slice(-IDENTIFIER_REACH);
    const identifierEnd = lastIndexOf(IDENTIFIER_CUE, near);
    const identifierLast = identifierEnd !== -1 && before.length - near.length + identifierEnd >= phoneCue;
    if (phoneCue === -1 || identifierLast) continue;
    found.push({
      start: match.index,
      end: match.index + match[0].length,
      value: `${match[1]}-${match[2]}`,
    });
  }
  return found;
}

/**
 * The phone for a summary's contact: E.164 when the number has its area code ("+14155550142"), the
 * local number as said when it has none ("555-0187"), nothing when it is not a phone number.
 */
export function contactPhone(text: string, defaultCountry: CountryCode = 'US'): string | undefined {
  const local = /^\s*([2-9]\d{2})[-. ]?(\d{4})\s*$/.exec(text);
  if (local && hasLocalNumbers(defaultCountry)) return `${local[1]}-${local[2]}`;
  return parsePhoneNumberFromString(text, defaultCountry)?.number;
}
