/**
 * The FizzBuzz message packed into one Int32 slot, and the loops that map and count it.
 *
 * Encoding (one `i32` word per message, no objects anywhere):
 *   value >= 0   Value(n)      the number itself
 *   -1           Fizz          n divisible by 3 (not by 5)
 *   -2           Buzz          n divisible by 5 (not by 3)
 *   -3           FizzBuzz      n divisible by 15
 *
 * The generator counts 0, 1, 2, … up to COUNTER_WRAP - 1 and then starts again at 0.
 * COUNTER_WRAP is the largest multiple of 15 that fits in an int32, so every value stays a
 * non-negative int32 and the Fizz/Buzz pattern runs on unbroken across the wrap.
 */
import type { Region, SlotArray } from '@steady/runtime';

export const FIZZ = -1;
export const BUZZ = -2;
export const FIZZ_BUZZ = -3;

/** 2^31 - 8 = 2147483640 = 15 × 143165576: values 0 … 2147483639, then 0 again. */
export const COUNTER_WRAP = 2 ** 31 - 8;

/** The code for each remainder mod 15; 0 means "the value itself". */
const CODE_BY_REMAINDER = Int32Array.of(
  FIZZ_BUZZ,
  0,
  0,
  FIZZ,
  0,
  BUZZ,
  FIZZ,
  0,
  0,
  FIZZ,
  BUZZ,
  0,
  FIZZ,
  0,
  0,
);

/** The packed FizzBuzz code of a non-negative int32 value. */
export function fizzBuzzCode(value: number): number {
  // `value` came out of an Int32Array, so V8 does this `%` on integers, not doubles.
  const code = CODE_BY_REMAINDER[value % 15] as number; //#!#// one integer remainder and a table lookup
  return code === 0 ? value : code;
}

/** How a code reads in a log: `Fizz`, `Value(7)`. */
export function describeCode(code: number): string {
  if (code === FIZZ) return 'Fizz';
  if (code === BUZZ) return 'Buzz';
  if (code === FIZZ_BUZZ) return 'FizzBuzz';
  return `Value(${code})`;
}

/** The channel slots of this lesson are Int32: a checked view, once per batch (not per message). */
export function int32(view: SlotArray): Int32Array {
  if (!(view instanceof Int32Array)) throw new TypeError('lesson 04 channels carry Int32 slots (codecs.i32)');
  return view;
}

/** Both views of a region, checked to be Int32. */
export function int32Region(region: Region): [Int32Array, Int32Array] {
  return [int32(region[0]), int32(region[1])];
}

/** Maps `length` values of `source` from `sourceFrom` into `target` from `targetFrom`. */
export function mapRun(
  source: Int32Array,
  sourceFrom: number,
  target: Int32Array,
  targetFrom: number,
  length: number,
): void {
  for (let i = 0; i < length; i++) target[targetFrom + i] = fizzBuzzCode(source[sourceFrom + i] as number);
}

/** Maps a buffer in place (the double-buffer worker's middle step). */
export function mapInPlace(buffer: Int32Array, length: number): void {
  mapRun(buffer, 0, buffer, 0, length);
}

/**
 * Maps `count` values read from the input region (two views: before and after the input's
 * wrap) into the output region (two views: before and after the output's wrap), in place.
 *
 * The two wrap points split the work into at most three runs where both sides are contiguous;
 * the four cases are: neither side wraps, only the input wraps, only the output wraps, both
 * wrap (at different points, or the same one).
 */
export function mapRegions(input: Region, output: Region, count: number): void {
  const [inFirst, inSecond] = int32Region(input);
  const [outFirst, outSecond] = int32Region(output);
  let done = 0;
  while (done < count) {
    //#!#// each run ends where the input or the output wraps, whichever comes first
    const inView = done < inFirst.length ? inFirst : inSecond;
    const inAt = done < inFirst.length ? done : done - inFirst.length;
    const outView = done < outFirst.length ? outFirst : outSecond;
    const outAt = done < outFirst.length ? done : done - outFirst.length;
    const run = Math.min(count - done, inView.length - inAt, outView.length - outAt);
    if (run <= 0) throw new RangeError(`mapRegions: regions hold fewer than ${count} slots`);
    mapRun(inView, inAt, outView, outAt, run);
    done += run;
  }
}

/** The counts of each kind among the codes of 0 … n-1 (what the logger must report after n messages). */
export function expectedCounts(n: number): { fizz: number; buzz: number; fizzBuzz: number; values: number } {
  const fizzBuzz = Math.floor((n + 14) / 15);
  const fizz = Math.floor((n + 2) / 3) - fizzBuzz;
  const buzz = Math.floor((n + 4) / 5) - fizzBuzz;
  return { fizz, buzz, fizzBuzz, values: n - fizz - buzz - fizzBuzz };
}
