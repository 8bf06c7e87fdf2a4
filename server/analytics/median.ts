/**
 * Exact medians of approval times, computed here rather than in Postgres: percentile_cont sorts every
 * value of every group (three sorts of a year's approvals took most of a 365-day report), where a
 * selection is linear. The rollup keeps each row's approval seconds packed as big-endian float8s
 * (what float8send writes), so a year of them travels as one base64 string per owner and queue.
 */

/** float8send writes big-endian; a Float64Array reads the machine's order. */
const LITTLE_ENDIAN = new Uint8Array(new Float64Array([1]).buffer)[7] === 0x3f;

/**
 * Bytes a base64 string decodes to, where Postgres's encode() breaks lines every 76 characters (RFC 2045):
 * every 77 characters hold one line break. Decoding checks the count, so a different wrapping cannot pass.
 */
function base64Bytes(text: string): number {
  const wrapped = text.length > 76 && text.charCodeAt(76) === 10;
  const characters = wrapped ? text.length - Math.floor(text.length / 77) : text.length;
  const padding = text.endsWith('==') ? 2 : text.endsWith('=') ? 1 : 0;
  return (characters / 4) * 3 - padding;
}

export interface ApprovalPart {
  /** Packed big-endian float8 seconds in base64, unwrapped or wrapped at 76 characters as Postgres writes it. */
  base64: string;
  agentKey: string;
  queueKey: string;
}

export interface ApprovalMedians {
  total: number | null;
  byAgent: Map<string, number | null>;
  byQueue: Map<string, number | null>;
}

/**
 * Medians of the whole window, per owner and per queue, from each owner-and-queue part. A year of
 * approvals is a million values, so nothing is copied more than needed: every part is decoded straight
 * into its owner's segment of one array, then copied into its queue's segment of a second; each
 * segment is selected in place, and the first array (its segments reordered, its values the same)
 * gives the total.
 */
export function approvalMedians(parts: ApprovalPart[]): ApprovalMedians {
  const sized = parts.map((part) => {
    const bytes = base64Bytes(part.base64);
    if (bytes % 8 !== 0) throw new Error(`packed approval seconds must be whole float8s, got ${bytes} bytes`);
    return { ...part, count: bytes / 8 };
  });
  const byAgent = layOut(sized.map((part) => ({ key: part.agentKey, count: part.count })));
  const byQueue = layOut(sized.map((part) => ({ key: part.queueKey, count: part.count })));
  const agentBytes = Buffer.from(byAgent.values.buffer);
  for (const part of sized) {
    const start = byAgent.next(part.agentKey, part.count);
    const written = agentBytes.write(part.base64, start * 8, 'base64');
    if (written !== part.count * 8) throw new Error(`approval seconds decoded to ${written} bytes, expected ${part.count * 8}`);
    if (LITTLE_ENDIAN) agentBytes.subarray(start * 8, (start + part.count) * 8).swap64();
    byQueue.values.set(byAgent.values.subarray(start, start + part.count), byQueue.next(part.queueKey, part.count));
  }
  const segmentMedians = (layout: Layout) =>
    new Map([...layout.segments].map(([key, { start, size }]) => [key, medianInPlace(layout.values.subarray(start, start + size))]));
  const medians = { byAgent: segmentMedians(byAgent), byQueue: segmentMedians(byQueue) };
  return { ...medians, total: medianInPlace(byAgent.values) };
}

interface Layout {
  values: Float64Array;
  segments: Map<string, { start: number; size: number; filled: number }>;
  /** Reserves `count` values at the end of `key`'s segment and returns where they start. */
  next(key: string, count: number): number;
}

/** One array with a contiguous segment per key, sized to hold every part of that key. */
function layOut(parts: Array<{ key: string; count: number }>): Layout {
  const segments = new Map<string, { start: number; size: number; filled: number }>();
  for (const part of parts) {
    const segment = segments.get(part.key) ?? { start: 0, size: 0, filled: 0 };
    segment.size += part.count;
    segments.set(part.key, segment);
  }
  let offset = 0;
  for (const segment of segments.values()) {
    segment.start = offset;
    offset += segment.size;
  }
  return {
    values: new Float64Array(offset),
    segments,
    next(key, count) {
      const segment = segments.get(key)!;
      const start = segment.start + segment.filled;
      segment.filled += count;
      return start;
    },
  };
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
