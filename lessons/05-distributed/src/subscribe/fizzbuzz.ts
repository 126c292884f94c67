/**
 * FizzBuzz codes in one Int32 slot each: -1 Fizz, -2 Buzz, -3 FizzBuzz, otherwise the value
 * itself. Values travel as doubles (they pass 2^31 on a full run); a plain value is logged
 * modulo COUNTER_WRAP so its code still fits an Int32 (the counts stay exact).
 */
import type { Region } from '@steady/runtime';

export const FIZZ = -1;
export const BUZZ = -2;
export const FIZZ_BUZZ = -3;
/** 2^31 - 8, a multiple of 15: the largest wrap that keeps every code a non-negative int32. */
export const COUNTER_WRAP = 2 ** 31 - 8;

export function fizzBuzzCode(value: number): number {
  // Below the wrap the value fits an int32: integer remainders are many times cheaper than
  // the floating-point remainder a double needs (this runs for every value received).
  if (value < COUNTER_WRAP) {
    const v = value | 0;
    const r = v % 15;
    if (r === 0) return FIZZ_BUZZ;
    if (r % 3 === 0) return FIZZ;
    if (r % 5 === 0) return BUZZ;
    return v;
  }
  const r = value % 15;
  if (r === 0) return FIZZ_BUZZ;
  if (r % 3 === 0) return FIZZ;
  if (r % 5 === 0) return BUZZ;
  return value % COUNTER_WRAP;
}

export function describeCode(code: number): string {
  if (code === FIZZ) return 'Fizz';
  if (code === BUZZ) return 'Buzz';
  if (code === FIZZ_BUZZ) return 'FizzBuzz';
  return `Value(${code})`;
}

/** Maps `count` values from the input region into codes in the output region, in place (zero copy). */
export function mapRegions(input: Region, output: Region, count: number): void {
  const [inFirst, inSecond] = input;
  const [outFirst, outSecond] = output;
  // Each region is two runs (before and after the ring's wrap): walk the stretches where neither
  // side wraps, so the inner loop is a plain indexed loop.
  for (let done = 0; done < count; ) {
    const [from, at] = done < inFirst.length ? [inFirst, done] : [inSecond, done - inFirst.length];
    const [to, into] = done < outFirst.length ? [outFirst, done] : [outSecond, done - outFirst.length];
    const n = Math.min(count - done, from.length - at, to.length - into);
    for (let k = 0; k < n; k++) to[into + k] = fizzBuzzCode(from[at + k] as number);
    done += n;
  }
}

/** The counts of each kind among the codes of 0 … n-1. */
export function expectedCounts(n: number): { fizz: number; buzz: number; fizzBuzz: number; values: number } {
  const fizzBuzz = Math.floor((n + 14) / 15);
  const fizz = Math.floor((n + 2) / 3) - fizzBuzz;
  const buzz = Math.floor((n + 4) / 5) - fizzBuzz;
  return { fizz, buzz, fizzBuzz, values: n - fizz - buzz - fizzBuzz };
}
