import type { CountryCode } from 'libphonenumber-js';
import { contactPhone } from '../pii/phones';
import type { SummaryContent } from '../../../contract/summary';
import type { RedactionResult } from '../pii/redact';
import { companyAnswered } from '../transcript/roles';
import type { TranscriptTurn } from '../types';
import { effectiveRoles } from './analysis';

/**
 * The customer's email and phone as given on the call. Found by the same detectors as redaction
 * (so spoken forms count), attributed by who said them: the customer saying it counts most; an
 * agent reading back a number "on file" counts when the customer confirms it. The company's own
 * details never count, whoever says them: a number or address the agent gives out ("call us at",
 * "email them to claims@…", "billing is at 1-800-…"), role mailboxes, the company's domain,
 * toll-free numbers, and account or order numbers read out when the agent asked for those.
 * Among equals the latest mention wins, so a customer's correction replaces what they said first.
 */

const AFFIRMATION =
  /^(?:yes|yeah|yep|yup|correct|that's right|that is right|that's me|that's my|that's it|it is|right|exactly|that's correct|uh-huh|sure)\b/i;
/** "Yeah, that's his, take that off": the customer confirms it belongs to someone else. */
const SOMEONE_ELSES =
  /\bthat's (?:his|hers|theirs|my (?:husband|wife|son|daughter|mom|dad|partner)'s)\b|\bnot mine\b/i;
/**
 * Someone else's details, given by the customer: "Yeah, hers is 312-555-0194" after "Do you have
 * hers?", or an answer to "And an email for her?" or "her email and mailing address".
 */
const SOMEONE_ELSE_ASKED =
  /\b(?:hers|theirs)\b|\bhis\s*\?|\b(?:email|e-mail|number|phone|cell|address) for (?:her|him|them)\b(?!\s+to\b)|\b(?:her|his|their|(?:wife|husband|son|daughter|mom|mother|dad|father|sister|brother|partner|friend|neighbor|neighbour)'s) (?:full name|email|e-mail|number|phone number|cell|mobile|address|mailing address)\b/i;
/** "What's the best number for her to reach you?": the customer's own, for someone to use. */
const TO_REACH_THE_CUSTOMER =
  /\b(?:best|reach|call you|contact you|text you|get back to you|get ahold of you)\b/i;
/** The other side asking for details, not mentioning someone's phone in passing. */
const ASKS = /\?|\b(?:need|want|give me|send me|can i (?:get|have)|may i (?:get|have))\b/i;
const SOMEONE_ELSES_GIVEN =
  /^\W*(?:\w+,? )?(?:hers|his|theirs|(?:her|his|their) (?:email|number|cell|phone|mobile))(?: is|'s)\b/i;
/** A turn that opens by taking back what was just said: "Wait, no, sorry, zero one three six." */
const CORRECTION = /^(?:\w+,? )?(?:no|sorry|wait|actually|oops)\b/i;
const ASKING_OR_OURS = /\?|\byour\b|\bon file\b|\bbest\b|\bstill\b|\bgot it\b/i;
/** Mailboxes of a function, not a person: where customers send things, never a customer's own. */
const ROLE_MAILBOXES = new Set(
  'accounts admin billing bookings care claims contact customercare customerservice dispatch enquiries feedback hello help helpdesk info inquiries invoices mail members membership noreply no-reply office orders payments repairs reservations returns sales service support team warranty'.split(
    ' ',
  ),
);
/** An address said aloud: "…at st brigid c b dot org". */
const SPOKEN_ADDRESS = /\b(?:at|@)\b[^.?!]*\bdot\s+(?:com|org|net|edu|gov|co|io|us|ca|uk|info|biz)\b/i;
/** US and Canadian toll-free prefixes: always a business line. */
const TOLL_FREE = /^1?8(?:00|33|44|55|66|77|88)\d{7}$/;
/** The agent pointing the customer at the company: "call us at", "email them to", "billing is at". */
const COMPANY_DIRECTIONS = [
  /\b(?:call|reach|text|email|e-mail|contact|write to|fax|message)\s+us\b/,
  /\b(?:you can|you could|you'll|please|just)\s+(?:\w+\s+){0,3}?(?:send|email|e-mail|mail|forward|fax|upload|submit|call|text|reach|contact|write|reply)\b[^.?!]*\b(?:to|at|on)\s*$/,
  // "our crew line…, that's 916-555-0100", but not "the number I have for you is…" (the customer's).
  /\b(?:our|the)\s+(?:[\w']+\s+){0,3}?(?:number|line|hotline|helpline|desk|office|store|branch|center|centre|department|team|address|inbox)\b(?![^.?!]*\b(?:i have|we have|i've got|on file|for you)\b)[^.?!]*\b(?:is|at|that's)\s*$/,
  /\b(?:billing|support|sales|claims|service|reception|dispatch|pharmacy)\s+(?:is\s+)?at\s*$/,
  // "If you need us, reply here or call 555-0170."
  /\b(?:or|please|just|then)\s+(?:call|text)\s*$/,
  // "Does she have the office number, 207-555-0102?"
  /\b(?:our|the)\s+(?:office|main|store|shop|front desk|support|service|toll[- ]free|general|emergency|dispatch|crew|claims|billing)\s+(?:number|line),?\s*$/,
];
/** The agent asking for an identifier that looks like a phone number but is not one. */
const ASKS_FOR_IDENTIFIER =
  /\b(?:account|policy|order|member|membership|customer|reference|case|claim|confirmation|tracking|invoice|card|serial|ticket|booking|reservation)\s+(?:number|no\.?|id|#)|\bpin\b/i;
const ASKS_FOR_PHONE = /\b(?:phone|mobile|cell|callback|call you|reach you|text you)\b/i;
/** Words of the greeting that name the company ("Thank you for contacting Orchard Appliances"). */
const GREETING =
  /\b(?:calling|contacting|reaching out to|welcome to|you've reached|from)\s+((?:[A-Z][\w&'-]*\s*){1,4})/;

interface Mention {
  kind: 'email' | 'phone';
  value: string;
  /** The words of the sentence before the placeholder (lower case), which say whose it is. */
  before: string;
}

/** Emails and phones of a redacted turn in the order spoken, with the words that lead up to each. */
function mentionsOf(found: Pick<RedactionResult, 'text' | 'emails' | 'phones'>): Mention[] {
  const mentions: Mention[] = [];
  const next = { email: 0, phone: 0 };
  for (const match of found.text.matchAll(/\[(EMAIL|PHONE)_\d+\]/g)) {
    const kind = match[1] === 'EMAIL' ? 'email' : 'phone';
    const value = (kind === 'email' ? found.emails : found.phones)[next[kind]];
    next[kind] += 1;
    if (value === undefined) continue;
    const preceding = found.text.slice(0, match.index).toLowerCase().replace(/[’‘]/g, "'");
    const sentenceStart = Math.max(...['. ', '? ', '! '].map((mark) => preceding.lastIndexOf(mark))) + 1;
    mentions.push({ kind, value, before: preceding.slice(sentenceStart).trim() });
  }
  return mentions;
}

function companyWordsOf(turns: readonly TranscriptTurn[], roles: readonly string[]): string[] {
  const words: string[] = [];
  turns.slice(0, 4).forEach((turn, index) => {
    if (roles[index] !== 'agent') return;
    const named = GREETING.exec(turn.text)?.[1] ?? companyAnswered(turn.text) ?? '';
    for (const word of named.toLowerCase().split(/[^a-z0-9]+/)) if (word.length >= 4) words.push(word);
  });
  return words;
}

function isCompanyEmail(email: string, companyWords: readonly string[]): boolean {
  const [local = '', domain = ''] = email.toLowerCase().split('@');
  if (ROLE_MAILBOXES.has(local.replace(/[._-]/g, ''))) return true;
  const host = domain.split('.').slice(0, -1).join('.');
  return companyWords.some((word) => host.includes(word));
}

const digitsOf = (phone: string) => phone.replace(/\D/g, '');

/** The same area code and exchange as a number the customer gave, with other last digits. */
function readsBackCorrection(
  digits: string,
  customerPhones: readonly string[],
  agentPhones: readonly string[],
): boolean {
  return customerPhones.some(
    (given) =>
      given !== digits &&
      // An agent who read the customer's number back as said corrected nothing.
      !agentPhones.includes(given) &&
      given.length === digits.length &&
      given.slice(0, -4) === digits.slice(0, -4),
  );
}

interface Candidate {
  value: string;
  score: number;
  /** Order of the mention in the call: later wins among equals. */
  order: number;
}

function best(candidates: readonly Candidate[], excluded: ReadonlySet<string>): string | undefined {
  let top: Candidate | undefined;
  for (const candidate of candidates) {
    if (candidate.score <= 0 || excluded.has(candidate.value.toLowerCase())) continue;
    if (!top || candidate.score > top.score || (candidate.score === top.score && candidate.order > top.order))
      top = candidate;
  }
  return top?.value;
}

/**
 * "Call me at 555-0152. Area code 503." and the agent's "503-555-0152, got it": a local number said
 * in full elsewhere in the call is that full number.
 */
function withAreaCodes(phones: readonly Candidate[]): Candidate[] {
  return phones.map((candidate) => {
    const digits = digitsOf(candidate.value);
    if (digits.length !== 7) return candidate;
    const full = phones.find(
      (other) => digitsOf(other.value).length >= 10 && digitsOf(other.value).endsWith(digits),
    );
    return full ? { ...candidate, value: full.value } : candidate;
  });
}

/** `findings[i]` are the emails and phones the redactor found in `turns[i]`, with its redacted text. */
export function findContact(
  turns: readonly TranscriptTurn[],
  findings: readonly Pick<RedactionResult, 'text' | 'emails' | 'phones'>[],
  defaultCountry: CountryCode = 'US',
): SummaryContent['contact'] {
  const roles = effectiveRoles(turns);
  const companyWords = companyWordsOf(turns, roles);
  const emails: Candidate[] = [];
  const phones: Candidate[] = [];
  /**
   * Details that are not the customer's: the company's, which the agent gave out, and someone else's
   * the customer gave (a family member's). Excluded even when repeated.
   */
  const notTheCustomers = new Set<string>();
  const seen = new Set<string>();
  /** Digits of the phones the customer said, by turn, to tell a corrected read-back from a company number. */
  const customerPhones = new Map<number, string[]>();
  /**
   * The customer's phones a read-back can correct: those of the turn before it, or when that turn
   * only corrects a few digits ("Wait, no, sorry, zero one three six"), every one given so far.
   */
  const correctedPhones = (customerTurn: number): string[] =>
    customerPhones.get(customerTurn) ??
    (CORRECTION.test(turns[customerTurn]?.text ?? '') ? [...customerPhones.values()].flat() : []);
  /** A customer turn giving someone else's details: "hers is…", or answering "And an email for her?". */
  const forSomeoneElse = (index: number): boolean => {
    if (roles[index] !== 'customer') return false;
    if (SOMEONE_ELSES_GIVEN.test(turns[index]?.text ?? '')) return true;
    const asker = turns.slice(0, index).findLast((_, at) => roles[at] !== 'customer');
    const sentences = asker?.text.split(/(?<=[.?!])\s+/) ?? [];
    const lastAsk = sentences.findLast((sentence) => sentence.includes('?')) ?? sentences.at(-1);
    return (
      lastAsk !== undefined &&
      ASKS.test(lastAsk) &&
      SOMEONE_ELSE_ASKED.test(lastAsk) &&
      !TO_REACH_THE_CUSTOMER.test(lastAsk)
    );
  };
  /** Domains of the emails the customer said: a corrected read-back keeps the domain. */
  const customerDomains = new Set<string>();
  let order = 0;
  turns.forEach((turn, index) => {
    const found = findings[index];
    if (!found || (found.emails.length === 0 && found.phones.length === 0)) return;
    const role = roles[index];
    const previousIndex = turns.slice(0, index).findLastIndex((_, at) => roles[at] !== role);
    const previous = turns[previousIndex];
    const nextIndex = roles.findIndex((other, at) => at > index && other !== role);
    const reply = turns[nextIndex]?.text.trim() ?? '';
    const confirmed =
      nextIndex !== -1 &&
      roles[nextIndex] === 'customer' &&
      AFFIRMATION.test(reply) &&
      !SOMEONE_ELSES.test(reply);
    const askedForIdentifier =
      previous !== undefined &&
      ASKS_FOR_IDENTIFIER.test(previous.text) &&
      !ASKS_FOR_PHONE.test(previous.text) &&
      !ASKS_FOR_PHONE.test(turn.text);
    for (const mention of mentionsOf(found)) {
      order += 1;
      const key = mention.kind === 'email' ? mention.value.toLowerCase() : digitsOf(mention.value);
      const firstMention = !seen.has(key);
      seen.add(key);
      if (mention.kind === 'email' ? isCompanyEmail(mention.value, companyWords) : TOLL_FREE.test(key)) {
        notTheCustomers.add(mention.value.toLowerCase());
        continue;
      }
      if (mention.kind === 'phone' && askedForIdentifier && role === 'customer') continue;
      if (forSomeoneElse(index)) {
        notTheCustomers.add(mention.value.toLowerCase());
        continue;
      }
      let score: number;
      if (role === 'customer') {
        score = 3;
        if (mention.kind === 'phone') customerPhones.set(index, [...(customerPhones.get(index) ?? []), key]);
        else customerDomains.add(domainOf(key));
      } else if (
        mention.kind === 'email' &&
        confirmed &&
        index === previousIndex + 1 &&
        CORRECTION.test(previous?.text ?? '') &&
        customerDomains.has(domainOf(key))
      ) {
        // "Oh, wait, no, sorry. It's forty-one, not fifty-one." The agent's read-back of the corrected
        // address, confirmed by the customer, is the address; the free-word correction is past the detectors.
        score = 3;
      } else if (
        mention.kind === 'phone' &&
        index === previousIndex + 1 &&
        !COMPANY_DIRECTIONS.some((pattern) => pattern.test(mention.before)) &&
        readsBackCorrection(key, correctedPhones(previousIndex), found.phones.map(digitsOf))
      ) {
        // "Two one five, five five five, oh one two six. No, sorry, oh one six two": the customer
        // corrected a few digits the detectors cannot place; the agent's read-back right after has them
        // (only right after, and not a number the agent points the customer to: the company's own line).
        score = 3;
      } else if (
        mention.kind === 'email' &&
        roles[previousIndex] === 'customer' &&
        !forSomeoneElse(previousIndex) &&
        (findings[previousIndex]?.emails.length ?? 0) === 0 &&
        SPOKEN_ADDRESS.test(previous?.text ?? '')
      ) {
        // "h, p, r, u, i, t, t, at, st brigid c b…" is past the detectors; the agent's read-back right
        // after is the address the customer spelled.
        score = 2;
      } else {
        const asking = ASKING_OR_OURS.test(turn.text);
        // Only a first mention can be the company's: reading back what the customer said is not.
        const givenOut =
          firstMention &&
          (COMPANY_DIRECTIONS.some((pattern) => pattern.test(mention.before)) || (!asking && !confirmed));
        if (givenOut) {
          notTheCustomers.add(mention.value.toLowerCase());
          continue;
        }
        score = (asking ? 1 : 0) + (confirmed ? 2 : 0);
        if (score === 1) score = 0.5;
      }
      (mention.kind === 'email' ? emails : phones).push({ value: mention.value, score, order });
    }
  });
  const email = best(emails, notTheCustomers);
  const phone = best(withAreaCodes(phones), notTheCustomers);
  const phoneNumber = phone ? contactPhone(phone, defaultCountry) : undefined;
  return { ...(email ? { email: email.toLowerCase() } : {}), ...(phoneNumber ? { phone: phoneNumber } : {}) };
}

const domainOf = (email: string) => email.slice(email.lastIndexOf('@') + 1);
