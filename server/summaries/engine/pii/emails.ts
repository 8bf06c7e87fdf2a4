import { z } from 'zod';

/**
 * Email addresses found by expanding around each "@" (bounded), instead of one big regex that
 * hostile input could make backtrack.
 */

const LOCAL_CHAR = /[A-Za-z0-9._%+-]/;
const DOMAIN_CHAR = /[A-Za-z0-9.-]/;
const emailSchema = z.email();

export interface Found {
  start: number;
  end: number;
  value: string;
}

export function findEmails(text: string): Found[] {
  const found: Found[] = [];
  let from = 0;
  for (let at = text.indexOf('@', from); at !== -1; at = text.indexOf('@', from)) {
    let start = at;
    while (start > 0 && at - start < 64 && LOCAL_CHAR.test(text[start - 1] ?? '')) start -= 1;
    while (start < at && text[start] === '.') start += 1;
    let end = at + 1;
    while (end < text.length && end - at < 254 && DOMAIN_CHAR.test(text[end] ?? '')) end += 1;
    while (end > at + 1 && '.-'.includes(text[end - 1] ?? '')) end -= 1;
    const value = text.slice(start, end);
    if (start < at && end > at + 1 && emailSchema.safeParse(value).success && /\.[A-Za-z]{2,}$/.test(value)) {
      found.push({ start, end, value });
      from = end;
    } else from = at + 1;
  }
  return found;
}
