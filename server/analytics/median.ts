/**
 * Exact medians of approval times, computed here rather than in Postgres: percentile_cont sorts every
 * value of every group (three sorts of a year's approvals took most of a 365-day report), where a
 * selection is linear. The rollup keeps each row's approval seconds packed as big-endian float8s
 * (what float8send writes), so a year of them travels as one bytea per owner and queue.
 */

/** The float8 values of a packed buffer (8 bytes each, big-endian). */
export function unpackSeconds(packed: Uint8Array): Float64Array {
  if (packed.byteLength % 8 !== 0) throw new Error(`packed approval seconds must be whole float8s, got ${packed.byteLength} bytes`);
  const view = new DataView(packed.buffer, packed.byteOffset, packed.byteLength);
  const values = new Float64Array(packed.byteLength / 8);
  for (let i = 0; i < values.length; i++) values[i] = view.getFloat64(i * 8, false);
  return values;
}

/** Rearranges values[lo..hi] so values[k] holds the k-th smallest, smaller ones before it (Hoare's selection). */
function select(values: Float64Array, k: number): void {
  let lo = 0;
  let hi = values.length - 1;
  while (hi > lo) {
    // Median of three as the pivot keeps sorted and reverse-sorted input (rollup rows are sorted) linear.
    const mid = (lo + hi) >>> 1;
    const a = values[lo]!;
    const b = values[mid]!;
    const c = values[hi]!;
    const pivot = a < b ? (b < c ? b : a < c ? c : a) : a < c ? a : b < c ? c : b;
    let i = lo;
    let j = hi;
    while (i <= j) {
      while (values[i]! < pivot) i++;
      while (values[j]! > pivot) j--;
      if (i <= j) {
        const swap = values[i]!;
        values[i] = values[j]!;
        values[j] = swap;
        i++;
        j--;
      }
    }
    if (k <= j) hi = j;
    else if (k >= i) lo = i;
    else return;
  }
}

/**
 * The median as Postgres's percentile_cont(0.5) computes it (the middle value, or the two middle values
 * interpolated the same way), or null when there are none. Reorders `values`.
 */
export function medianInPlace(values: Float64Array): number | null {
  const n = values.length;
  if (n === 0) return null;
  const position = 0.5 * (n - 1);
  const lower = Math.floor(position);
  select(values, lower);
  const first = values[lower]!;
  if (position === lower) return first;
  // The next value up is the smallest of everything the selection left above `lower`.
  let second = Number.POSITIVE_INFINITY;
  for (let i = lower + 1; i < n; i++) if (values[i]! < second) second = values[i]!;
  return first + (position - lower) * (second - first);
}

/** Concatenates value arrays into one. */
export function concatSeconds(parts: Float64Array[]): Float64Array {
  const all = new Float64Array(parts.reduce((total, part) => total + part.length, 0));
  let offset = 0;
  for (const part of parts) {
    all.set(part, offset);
    offset += part.length;
  }
  return all;
}
