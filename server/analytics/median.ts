/**
 * Exact medians of approval times, computed here rather than in Postgres: percentile_cont sorts every
 * value of every group (three sorts of a year's approvals took most of a 365-day report), where a
 * selection is linear. The rollup keeps each row's approval seconds packed as big-endian float8s
 * (what float8send writes), so a year of them travels as one bytea per owner and queue.
 */

/**
 * The float8 values of a packed buffer (8 bytes each, big-endian), as a view where possible. The
 * buffer's bytes are swapped in place: it must be the caller's own.
 */
export function unpackSeconds(packed: Uint8Array): Float64Array {
  if (packed.byteLength % 8 !== 0) throw new Error(`packed approval seconds must be whole float8s, got ${packed.byteLength} bytes`);
  const aligned = packed.byteOffset % 8 === 0 ? packed : packed.slice();
  const bytes = Buffer.from(aligned.buffer, aligned.byteOffset, aligned.byteLength);
  if (LITTLE_ENDIAN) bytes.swap64();
  return new Float64Array(bytes.buffer, bytes.byteOffset, bytes.byteLength / 8);
}

const LITTLE_ENDIAN = new Uint8Array(new Float64Array([1]).buffer)[7] === 0x3f;

/**
 * The median of each group, where every packed part belongs to several groups (an owner and queue's
 * approvals count for the total, the owner and the queue). Each group's values are copied once into
 * one array of its exact size, then selected.
 */
export function groupMedians(parts: Array<{ packed: Uint8Array; groups: string[] }>): Map<string, number | null> {
  const sizes = new Map<string, number>();
  for (const part of parts) for (const group of part.groups) sizes.set(group, (sizes.get(group) ?? 0) + part.packed.byteLength / 8);
  const values = new Map([...sizes].map(([group, size]) => [group, { array: new Float64Array(size), filled: 0 }]));
  for (const part of parts) {
    const seconds = unpackSeconds(part.packed);
    for (const group of part.groups) {
      const target = values.get(group)!;
      target.array.set(seconds, target.filled);
      target.filled += seconds.length;
    }
  }
  return new Map([...values].map(([group, { array }]) => [group, medianInPlace(array)]));
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
