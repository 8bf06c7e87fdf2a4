import { passesAbaChecksum, passesLuhn } from './checksums';
import type { Found } from './emails';

/**
 * Long digit sequences, allowing single spaces or dashes between groups ("4111 1111 1111 1111",
 * "078-05-1120"), classified as card, SSN, routing or bank account numbers. Context words decide
 * the ambiguous ones: nine digits are an SSN only after "social"/"SSN", a bank number after "bank".
 */

export type SensitiveNumberKind = 'CARD' | 'SSN' | 'ROUTING_NUMBER' | 'BANK_ACCOUNT';

export interface SensitiveNumber extends Found {
  kind: SensitiveNumberKind;
}

const CONTEXT_CHARS = 60;
const SSN_CONTEXT = ['social', 'ssn', 's.s.n', 'security number'];
const ROUTING_CONTEXT = ['routing', 'aba', 'transit number'];
const BANK_CONTEXT = ['bank', 'checking', 'savings', 'iban', 'direct deposit', 'routing'];

interface DigitRun {
  start: number;
  end: number;
  digits: string;
  groups: number[];
}

function digitRuns(text: string): DigitRun[] {
  const runs: DigitRun[] = [];
  let index = 0;
  while (index < text.length) {
    if (!isDigit(text[index])) {
      index += 1;
      continue;
    }
    const start = index;
    let digits = '';
    const groups: number[] = [];
    let group = 0;
    let end = index;
    while (index < text.length) {
      const char = text[index];
      if (isDigit(char)) {
        digits += char;
        group += 1;
        index += 1;
        end = index;
      } else if ((char === ' ' || char === '-') && isDigit(text[index + 1]) && group > 0) {
        groups.push(group);
        group = 0;
        index += 1;
      } else break;
    }
    groups.push(group);
    // A digit glued to letters ("A1234567") is an identifier, not a number someone read out.
    if (!isLetter(text[start - 1]) && !isLetter(text[end])) runs.push({ start, end, digits, groups });
  }
  return runs;
}

function isDigit(char: string | undefined): boolean {
  return char !== undefined && char >= '0' && char <= '9';
}

function isLetter(char: string | undefined): boolean {
  return char !== undefined && /\p{L}/u.test(char);
}

function contextBefore(text: string, start: number): string {
  return text.slice(Math.max(0, start - CONTEXT_CHARS), start).toLowerCase();
}

function classify(text: string, run: DigitRun): SensitiveNumberKind | undefined {
  const length = run.digits.length;
  const context = contextBefore(text, run.start);
  const mentions = (words: readonly string[]) => words.some((word) => context.includes(word));
  if (length >= 13 && length <= 19 && passesLuhn(run.digits)) return 'CARD';
  const ssnShape =
    run.groups.length === 3 && run.groups[0] === 3 && run.groups[1] === 2 && run.groups[2] === 4;
  if (length === 9 && mentions(ROUTING_CONTEXT) && (passesAbaChecksum(run.digits) || mentions(['routing'])))
    return 'ROUTING_NUMBER';
  if (length === 9 && (ssnShape || mentions(SSN_CONTEXT))) return 'SSN';
  if (length >= 6 && length <= 17 && mentions(BANK_CONTEXT)) return 'BANK_ACCOUNT';
  return undefined;
}

export function findSensitiveNumbers(text: string): SensitiveNumber[] {
  const found: SensitiveNumber[] = [];
  for (const run of digitRuns(text)) {
    if (run.digits.length < 6) continue; // nothing that short is a card, SSN or account number
    const kind = classify(text, run);
    if (kind) found.push({ start: run.start, end: run.end, value: text.slice(run.start, run.end), kind });
  }
  return found;
}
