import { describe, expect, it } from 'vitest';
import { groupMedians, medianInPlace, unpackSeconds } from './median';

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

describe('unpackSeconds', () => {
  it('reads big-endian float8s as Postgres float8send writes them, at any offset', () => {
    const packed = pack([0, 31.25, 172_830.5, 1e-6]);
    const shifted = new Uint8Array(packed.length + 3);
    shifted.set(packed, 3);
    expect([...unpackSeconds(shifted.subarray(3))]).toEqual([0, 31.25, 172_830.5, 1e-6]);
    expect([...unpackSeconds(pack([7.5, 2]))]).toEqual([7.5, 2]);
  });

  it('refuses a buffer that is not whole float8s', () => {
    expect(() => unpackSeconds(new Uint8Array(12))).toThrow(/whole float8s/);
  });
});

describe('groupMedians', () => {
  it('gives each group the median of every part that belongs to it', () => {
    const medians = groupMedians([
      { packed: pack([10, 30]), groups: ['total', 'agent:a', 'queue:q1'] },
      { packed: pack([20]), groups: ['total', 'agent:b', 'queue:q1'] },
      { packed: pack([]), groups: ['total', 'agent:c', 'queue:q2'] },
      { packed: pack([40, 50, 60]), groups: ['total', 'agent:a', 'queue:q2'] },
    ]);
    expect(Object.fromEntries(medians)).toEqual({
      total: 35,
      'agent:a': 40,
      'agent:b': 20,
      'agent:c': null,
      'queue:q1': 20,
      'queue:q2': 50,
    });
  });
});
