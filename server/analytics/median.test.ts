import { describe, expect, it } from 'vitest';
import { approvalMedians, medianInPlace } from './median';

/** percentile_cont(0.5) by the book: sort, then interpolate between the two middle values. */
function medianBySorting(values: number[]): number | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const position = 0.5 * (sorted.length - 1);
  const lower = Math.floor(position);
  const first = sorted[lower]!;
  return position === lower ? first : first + (position - lower) * (sorted[lower + 1]! - first);
}

function pack(values: number[]): Uint8Array {
  const bytes = new Uint8Array(values.length * 8);
  const view = new DataView(bytes.buffer);
  values.forEach((value, i) => view.setFloat64(i * 8, value, false));
  return bytes;
}

/** A small deterministic generator, so a failure can be replayed. */
function generator(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (Math.imul(state, 1_664_525) + 1_013_904_223) >>> 0;
    return state / 2 ** 32;
  };
}

describe('medianInPlace', () => {
  it('matches sorting on edge cases: none, one, two, ties, sorted and reversed input', () => {
    const cases = [[], [42], [3, 1], [5, 5, 5, 5], [1, 2, 2, 2, 3], [0, 0, 1, 1], [1, 2, 3, 4, 5, 6, 7, 8], [8, 7, 6, 5, 4, 3, 2, 1, 0]];
    for (const values of cases) expect(medianInPlace(Float64Array.from(values))).toBe(medianBySorting(values));
  });

  it('matches sorting on 2,000 random sets, skewed like approval times, with many ties', () => {
    const random = generator(7);
    for (let run = 0; run < 2_000; run++) {
      const length = 1 + Math.floor(random() * 300);
      const values = Array.from({ length }, () => (random() < 0.3 ? 30 : 30 + Math.round(random() ** 3 * 172_800 * 1000) / 1000));
      expect(medianInPlace(Float64Array.from(values))).toBe(medianBySorting(values));
    }
  });

  it('handles a sorted million (rollup rows arrive sorted; a naive pivot would go quadratic)', () => {
    const values = Float64Array.from({ length: 1_000_001 }, (_, i) => i * 0.5);
    expect(medianInPlace(values)).toBe(250_000);
  });
});

const base64 = (values: number[]) => Buffer.from(pack(values)).toString('base64');

describe('approvalMedians', () => {
  it('gives the total, each owner and each queue the median of every part that belongs to them', () => {
    const medians = approvalMedians([
      { base64: base64([10, 30]), agentKey: 'a', queueKey: 'q1' },
      { base64: base64([20]), agentKey: 'b', queueKey: 'q1' },
      { base64: base64([]), agentKey: 'c', queueKey: 'q2' },
      { base64: base64([40, 50, 60]), agentKey: 'a', queueKey: 'q2' },
      { base64: base64([172_830.5, 0.25]), agentKey: '', queueKey: '' },
    ]);
    expect(medians.total).toBe(35);
    expect(Object.fromEntries(medians.byAgent)).toEqual({ a: 40, b: 20, c: null, '': 86_415.375 });
    expect(Object.fromEntries(medians.byQueue)).toEqual({ q1: 20, q2: 50, '': 86_415.375 });
  });

  it('matches sorting for every group on random parts (values survive the in-place decoding exactly)', () => {
    const random = generator(11);
    const parts = Array.from({ length: 300 }, () => ({
      values: Array.from({ length: Math.floor(random() * 12) }, () => Math.round(random() ** 3 * 172_800 * 1e6) / 1e6),
      agentKey: `agent-${Math.floor(random() * 9)}`,
      queueKey: `queue-${Math.floor(random() * 4)}`,
    }));
    const medians = approvalMedians(parts.map((part) => ({ ...part, base64: base64(part.values) })));
    const of = (pick: (part: (typeof parts)[number]) => boolean) => medianBySorting(parts.filter(pick).flatMap((part) => part.values));
    expect(medians.total).toBe(of(() => true));
    for (const [agent, median] of medians.byAgent) expect(median).toBe(of((part) => part.agentKey === agent));
    for (const [queue, median] of medians.byQueue) expect(median).toBe(of((part) => part.queueKey === queue));
  });

  it('reads base64 wrapped at 76 characters, as Postgres encode() writes it', () => {
    const values = Array.from({ length: 301 }, (_, i) => i * 1.5);
    const wrapped = base64(values).replace(/.{76}(?!$)/g, '$&\n');
    expect(wrapped).toContain('\n');
    expect(approvalMedians([{ base64: wrapped, agentKey: 'a', queueKey: 'q' }]).total).toBe(225);
  });

  it('refuses a part that does not decode to whole float8s', () => {
    expect(() => approvalMedians([{ base64: Buffer.from([1, 2, 3, 4]).toString('base64'), agentKey: 'a', queueKey: 'q' }])).toThrow(/whole float8s/);
  });
});
