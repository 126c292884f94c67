import { describe, expect, it } from 'vitest';
import {
  BUZZ,
  COUNTER_WRAP,
  describeCode,
  expectedCounts,
  FIZZ,
  FIZZ_BUZZ,
  fizzBuzzCode,
  mapInPlace,
  mapRegions,
} from '../src/fizzbuzz.ts';

const codesOf = (values: readonly number[]) => values.map(fizzBuzzCode);
const range = (from: number, count: number) => Array.from({ length: count }, (_, i) => from + i);

describe('FizzBuzz packed into Int32', () => {
  it('codes 0..15 as FizzBuzz, 1, 2, Fizz, 4, Buzz, …', () => {
    expect(codesOf(range(0, 16))).toEqual([
      FIZZ_BUZZ,
      1,
      2,
      FIZZ,
      4,
      BUZZ,
      FIZZ,
      7,
      8,
      FIZZ,
      BUZZ,
      11,
      FIZZ,
      13,
      14,
      FIZZ_BUZZ,
    ]);
    expect([FIZZ, BUZZ, FIZZ_BUZZ, 7].map(describeCode)).toEqual(['Fizz', 'Buzz', 'FizzBuzz', 'Value(7)']);
  });

  it('wraps the counter at a multiple of 15 that fits an int32, so the pattern runs on', () => {
    expect(COUNTER_WRAP % 15).toBe(0);
    expect(COUNTER_WRAP - 1).toBeLessThanOrEqual(2 ** 31 - 1);
    expect(COUNTER_WRAP + 15).toBeGreaterThan(2 ** 31 - 1); // the largest such multiple
    expect(fizzBuzzCode(COUNTER_WRAP - 1)).toBe(COUNTER_WRAP - 1);
    expect(fizzBuzzCode(COUNTER_WRAP - 15)).toBe(FIZZ_BUZZ);
  });

  it('expected counts match a plain count', () => {
    for (const n of [0, 1, 4, 15, 16, 100, 1001]) {
      const codes = codesOf(range(0, n));
      expect(expectedCounts(n), `n = ${n}`).toEqual({
        fizz: codes.filter((c) => c === FIZZ).length,
        buzz: codes.filter((c) => c === BUZZ).length,
        fizzBuzz: codes.filter((c) => c === FIZZ_BUZZ).length,
        values: codes.filter((c) => c >= 0).length,
      });
    }
  });

  it('maps a buffer in place', () => {
    const buffer = Int32Array.from(range(10, 8));
    mapInPlace(buffer, 6);
    expect([...buffer]).toEqual([...codesOf(range(10, 6)), 16, 17]);
  });
});

describe('mapRegions: the four wrap cases of zero copy', () => {
  // A ring of 8 slots seen as two views, split where it wraps.
  const split = (ring: Int32Array, start: number, count: number): [Int32Array, Int32Array] => {
    const first = Math.min(count, ring.length - start);
    return [ring.subarray(start, start + first), ring.subarray(0, count - first)];
  };
  const ringWith = (start: number, values: number[]) => {
    const ring = new Int32Array(8).fill(99);
    values.forEach((v, i) => {
      ring[(start + i) % 8] = v;
    });
    return ring;
  };
  const readRing = (ring: Int32Array, start: number, count: number) =>
    range(0, count).map((i) => ring[(start + i) % 8]);

  it.each([
    ['neither side wraps', 0, 2],
    ['only the input wraps', 5, 0],
    ['only the output wraps', 0, 5],
    ['both wrap, at different points', 3, 6],
    ['both wrap, at the same point', 4, 4],
  ])('%s (input at %i, output at %i)', (_, inStart, outStart) => {
    const values = range(20, 6);
    const input = ringWith(inStart, values);
    const output = new Int32Array(8);
    mapRegions(split(input, inStart, 6), split(output, outStart, 6), 6);
    expect(readRing(output, outStart, 6)).toEqual(codesOf(values));
    expect(output.filter((v) => v === 0).length).toBe(2); // nothing written outside the region
  });

  it('refuses a count larger than the regions', () => {
    const ring = new Int32Array(4);
    expect(() => mapRegions([ring, ring.subarray(0, 0)], [ring, ring.subarray(0, 0)], 5)).toThrow(RangeError);
  });
});
