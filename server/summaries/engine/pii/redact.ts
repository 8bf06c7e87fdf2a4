import { findPhoneNumbersInText, type CountryCode } from 'libphonenumber-js';
import { findEmails, type Found } from './emails';
import { findSensitiveNumbers } from './numbers';
import { hasLocalNumbers, LOCAL_NUMBER_CONTEXT, localNumbers } from './phones';
import { normalizeSpokenContacts } from './spoken';

/**
 * Personal data out before text leaves for an AI provider. Card (Luhn-checked), SSN, routing and
 * bank account numbers become [CARD], [SSN], [ROUTING_NUMBER], [BANK_ACCOUNT] and are gone for good.
 * Emails and phone numbers become numbered placeholders ([EMAIL_1], [PHONE_1]) and are kept aside:
 * they are the customer's contact details, put back into the summary's contact field afterwards.
 */

export interface RedactionResult {
  text: string;
  /** Distinct email addresses, in order of first appearance; [EMAIL_n] is emails[n - 1]. */
  emails: string[];
  /** Distinct phone numbers (national format for the default country), likewise for [PHONE_n]. */
  phones: string[];
}

export interface RedactorOptions {
  /** Country assumed for numbers written without a country code. */
  defaultCountry?: CountryCode;
}

/** One redactor per transcript, so a number repeated in several turns keeps one placeholder. */
export interface Redactor {
  redact(text: string): string;
  /** Like redact, and also which emails and phones this text held (for telling who said them). */
  redactWithFindings(text: string): RedactionResult;
  readonly emails: readonly string[];
  readonly phones: readonly string[];
  /** Puts kept-aside emails and phones back where their placeholders are. */
  restore(text: string): string;
}

export function createRedactor(options: RedactorOptions = {}): Redactor {
  const defaultCountry = options.defaultCountry ?? 'US';
  const emails: string[] = [];
  const emailKeys: string[] = [];
  const phones: string[] = [];
  const phoneKeys: string[] = [];

  const placeholder = (list: string[], keys: string[], kind: string, key: string, value: string) => {
    let index = keys.indexOf(key);
    if (index === -1) {
      keys.push(key);
      list.push(value);
      index = keys.length - 1;
    }
    return `[${kind}_${index + 1}]`;
  };

  // The turn before can be the question a bare number answers ("What's the best number?").
  let previousText = '';
  const redactWithFindings = (input: string): RedactionResult => {
    const foundEmails: string[] = [];
    const foundPhones: string[] = [];
    let text = normalizeSpokenContacts(input);
    text = replaceFound(text, findEmails(text), (found) => {
      foundEmails.push(found.value);
      return placeholder(emails, emailKeys, 'EMAIL', found.value.toLowerCase(), found.value);
    });
    text = replaceFound(text, findSensitiveNumbers(text), (found) => `[${found.kind}]`);
    const phoneMatches = phoneCandidates(text).flatMap((candidate) =>
      findPhoneNumbersInText(text.slice(candidate.start, candidate.end), defaultCountry).map((match) => ({
        start: candidate.start + match.startsAt,
        end: candidate.start + match.endsAt,
        value:
          match.number.country === defaultCountry
            ? match.number.formatNational()
            : match.number.formatInternational(),
        key: match.number.number,
      })),
    );
    text = replaceFound(text, phoneMatches, (found) => {
      foundPhones.push(found.value);
      return placeholder(phones, phoneKeys, 'PHONE', found.key, found.value);
    });
    if (hasLocalNumbers(defaultCountry))
      text = replaceFound(text, localNumbers(text, previousText), (found) => {
        foundPhones.push(found.value);
        return placeholder(phones, phoneKeys, 'PHONE', `local:${found.value}`, found.value);
      });
    previousText = input.slice(-LOCAL_NUMBER_CONTEXT);
    return { text, emails: foundEmails, phones: foundPhones };
  };

  return {
    emails,
    phones,
    redactWithFindings,
    redact: (input) => redactWithFindings(input).text,
    restore(text) {
      return text.replace(/\[(EMAIL|PHONE)_(\d{1,4})\]/g, (match, kind: string, number: string) => {
        const value = (kind === 'EMAIL' ? emails : phones)[Number(number) - 1];
        return value ?? match;
      });
    },
  };
}

const PHONE_CHARS = new Set([...'0123456789 -().+/']);
const isDigitChar = (char: string | undefined) => char !== undefined && char >= '0' && char <= '9';

/**
 * Stretches of text that could hold a phone number (digits and phone punctuation, 7 to 15 digits,
 * at most 40 characters). libphonenumber is slow on long texts, so it only ever sees these.
 */
function phoneCandidates(text: string): Array<{ start: number; end: number }> {
  const candidates: Array<{ start: number; end: number }> = [];
  let index = 0;
  while (index < text.length) {
    if (!isDigitChar(text[index]) && text[index] !== '+' && text[index] !== '(') {
      index += 1;
      continue;
    }
    const start = index;
    let digits = 0;
    let lastDigit = index;
    while (index < text.length && PHONE_CHARS.has(text[index] as string)) {
      if (isDigitChar(text[index])) {
        digits += 1;
        lastDigit = index;
      }
      index += 1;
    }
    const end = lastDigit + 1;
    if (digits >= 7 && digits <= 15 && end - start <= 40) candidates.push({ start, end });
    if (index === start) index += 1;
  }
  return candidates;
}

function replaceFound<T extends Found>(
  text: string,
  found: readonly T[],
  replacement: (found: T) => string,
): string {
  let out = '';
  let cursor = 0;
  for (const item of [...found].sort((a, b) => a.start - b.start)) {
    if (item.start < cursor) continue;
    out += text.slice(cursor, item.start) + replacement(item);
    cursor = item.end;
  }
  return out + text.slice(cursor);
}

export function redactPii(text: string, options: RedactorOptions = {}): RedactionResult {
  const redactor = createRedactor(options);
  const redacted = redactor.redact(text);
  return { text: redacted, emails: [...redactor.emails], phones: [...redactor.phones] };
}
