/** Building SOQL/SOSL text safely: values are quoted and escaped, never pasted in raw. */

/** A SOQL string literal: backslash, quotes and control characters escaped as SOQL documents them. */
export function soqlString(value: string): string {
  const escaped = value
    .replace(/\\/g, '\\\\')
    .replace(/'/g, "\\'")
    .replace(/"/g, '\\"')
    .replace(/\n/g, '\\n')
    .replace(/\r/g, '\\r')
    .replace(/\t/g, '\\t');
  return `'${escaped}'`;
}

export function queryPath(soql: string): string {
  return `/query?q=${encodeURIComponent(soql)}`;
}

export function searchPath(sosl: string): string {
  return `/search?q=${encodeURIComponent(sosl)}`;
}
