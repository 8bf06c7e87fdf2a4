/** "Jane Q. Doe" -> first "Jane Q.", last "Doe"; a single word is a last name (both CRMs require one). */
export function splitName(name: string): { first?: string; last: string } {
  const words = name.trim().split(/\s+/).filter(Boolean);
  const last = words.pop() ?? '';
  return words.length > 0 ? { first: words.join(' '), last } : { last };
}

export function joinName(...parts: Array<string | null | undefined>): string | undefined {
  const name = parts.filter((part): part is string => Boolean(part?.trim())).join(' ').trim();
  return name === '' ? undefined : name;
}
