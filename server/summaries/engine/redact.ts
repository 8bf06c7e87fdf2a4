import { findPhoneNumbersInText } from 'libphonenumber-js';

export interface Redaction {
  text: string;
  /** Kept aside (not sent to the AI) to fill the summary's contact field. */
  emails: string[];
  phones: string[];
}

const SPOKEN_EMAIL = /\b([a-z0-9]+(?:\s+(?:dot|underscore|dash)\s+[a-z0-9]+){0,4})\s+at\s+([a-z0-9-]+(?:\s+dot\s+[a-z0-9-]+){1,3})\b/gi;
const EMAIL = /\b[A-Za-z0-9._%+-]{1,64}@[A-Za-z0-9.-]{1,253}\.[A-Za-z]{2,24}\b/g;
const SSN = /\b(?!000|666|9\d\d)\d{3}[-\s]?(?!00)\d{2}[-\s]?(?!0000)\d{4}\b/g;
const SSN_CONTEXT = /\b(social security|ssn|social)\b/i;
const CARD_CANDIDATE = /\b(?:\d[ -]?){12,18}\d\b/g;
const IBAN = /\b[A-Z]{2}\d{2}(?:[ ]?[A-Z0-9]{4}){2,7}(?:[ ]?[A-Z0-9]{1,4})?\b/g;
const BANK_NUMBER = /\b(account|acct|routing|aba|sort code|iban)\b([^.\n\d]{0,30})((?:\d[ -]?){5,16}\d)/gi;

export function luhnValid(digits: string): boolean {
  let sum = 0;
  for (let i = 0; i < digits.length; i++) {
    let digit = Number(digits[digits.length - 1 - i]);
    if (i % 2 === 1) {
      digit *= 2;
      if (digit > 9) digit -= 9;
    }
    sum += digit;
  }
  return digits.length >= 13 && sum % 10 === 0;
}

function spokenToEmail(local: string, domain: string): string {
  const join = (part: string) => part.replace(/\s+dot\s+/gi, '.').replace(/\s+underscore\s+/gi, '_').replace(/\s+dash\s+/gi, '-').replace(/\s+/g, '');
  return `${join(local)}@${join(domain)}`.toLowerCase();
}

/**
 * Replaces card numbers (Luhn-checked), bank account and routing numbers, US social security
 * numbers, email addresses (also spoken: "jane dot doe at example dot com") and phone numbers with
 * placeholders, before any text leaves for an AI provider.
 */
export function redactPii(input: string, defaultRegion: 'US' = 'US'): Redaction {
  const emails: string[] = [];
  const phones: string[] = [];
  const numbered = (list: string[], value: string, label: string) => {
    const index = list.indexOf(value);
    if (index === -1) list.push(value);
    return `[${label}_${(index === -1 ? list.length : index + 1).toString()}]`;
  };
  let text = input.replace(CARD_CANDIDATE, (match) => (luhnValid(match.replace(/\D/g, '')) ? '[CARD]' : match));
  text = text.replace(IBAN, '[BANK_ACCOUNT]');
  text = text.replace(BANK_NUMBER, (_match, label: string, between: string) => `${label}${between}[BANK_ACCOUNT]`);
  text = text.replace(SSN, (match, offset: number, whole: string) => {
    const before = whole.slice(Math.max(0, offset - 40), offset);
    // A 9-digit run is an SSN when dashed like one or when the speaker just said so.
    return /\d{3}-\d{2}-\d{4}/.test(match) || SSN_CONTEXT.test(before) ? '[SSN]' : match;
  });
  text = text.replace(EMAIL, (match) => numbered(emails, match.toLowerCase(), 'EMAIL'));
  text = text.replace(SPOKEN_EMAIL, (_match, local: string, domain: string) => numbered(emails, spokenToEmail(local, domain), 'EMAIL'));
  const found = findPhoneNumbersInText(text, { defaultCountry: defaultRegion });
  // Number in reading order, then replace from the end so earlier offsets stay valid.
  const placeholders = found.map((match) => ({ match, placeholder: numbered(phones, match.number.number, 'PHONE') }));
  for (const { match, placeholder } of placeholders.reverse()) {
    text = text.slice(0, match.startsAt) + placeholder + text.slice(match.endsAt);
  }
  return { text, emails, phones };
}
