import { parsePhoneNumberFromString, type CountryCode } from 'libphonenumber-js';
import type { SummaryContent } from '../../../contract/summary';
import type { RedactionResult } from '../pii/redact';
import type { TranscriptTurn } from '../types';

/**
 * The customer's email and phone as given on the call. Found by the same detectors as redaction
 * (so spoken forms count), attributed by who said them: the customer saying it counts most; an
 * agent reading back a number "on file" counts when the customer confirms it; an agent giving out
 * the company's own number or address does not count.
 */

const AFFIRMATION =
  /^(?:yes|yeah|yep|yup|correct|that's right|that is right|that's me|that's it|it is|right|exactly|that's correct|uh-huh|sure)\b/i;
const ASKING_OR_OURS = /\?|\byour\b|\bon file\b|\bbest\b|\bstill\b|\bgot it\b/i;

interface Candidate {
  value: string;
  score: number;
  turn: number;
}

function best(candidates: readonly Candidate[]): string | undefined {
  let top: Candidate | undefined;
  for (const candidate of candidates) {
    if (candidate.score <= 0) continue;
    if (!top || candidate.score > top.score || (candidate.score === top.score && candidate.turn > top.turn))
      top = candidate;
  }
  return top?.value;
}

/** `findings[i]` are the emails and phones the redactor found in `turns[i]`. */
export function findContact(
  turns: readonly TranscriptTurn[],
  findings: readonly Pick<RedactionResult, 'emails' | 'phones'>[],
  defaultCountry: CountryCode = 'US',
): SummaryContent['contact'] {
  const emails: Candidate[] = [];
  const phones: Candidate[] = [];
  const agentOnly = turns.some((turn) => turn.role === 'customer');
  turns.forEach((turn, index) => {
    const found = findings[index];
    if (!found || (found.emails.length === 0 && found.phones.length === 0)) return;
    const next = turns.slice(index + 1).find((other) => other.role !== turn.role);
    let score: number;
    if (turn.role === 'customer' || !agentOnly) score = 3;
    else {
      score = 0;
      if (ASKING_OR_OURS.test(turn.text)) score += 1;
      if (next && next.role === 'customer' && AFFIRMATION.test(next.text.trim())) score += 2;
      if (score === 1) score = 0.5;
    }
    for (const value of found.emails) emails.push({ value, score, turn: index });
    for (const value of found.phones) phones.push({ value, score, turn: index });
  });
  const email = best(emails);
  const phone = best(phones);
  const e164 = phone ? parsePhoneNumberFromString(phone, defaultCountry)?.number : undefined;
  return { ...(email ? { email: email.toLowerCase() } : {}), ...(e164 ? { phone: e164 } : {}) };
}
