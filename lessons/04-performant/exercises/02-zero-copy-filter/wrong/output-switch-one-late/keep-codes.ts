/** Wrong: switches to the output's second view one code too late (kept <= outFirst.length). */
import type { Region } from '@steady/runtime';
import { fizzBuzzCode, int32Region } from '../../../../src/fizzbuzz.ts';

/**
 * Reads `count` values from the input region (two views), and writes the code of each value that
 * is a Fizz, a Buzz or a FizzBuzz into the output region (two views), packed and in order.
 * The output has room for `count` codes. Returns how many codes were written.
 */
export function keepCodes(input: Region, count: number, output: Region): number {
  const [inFirst, inSecond] = int32Region(input);
  const [outFirst, outSecond] = int32Region(output);
  if (inFirst.length + inSecond.length < count) throw new RangeError(`keepCodes: fewer than ${count} values`);
  let kept = 0;
  for (let read = 0; read < count; read++) {
    const value = read < inFirst.length ? inFirst[read] : inSecond[read - inFirst.length];
    const code = fizzBuzzCode(value as number);
    if (code >= 0) continue; // a plain value: not forwarded
    if (kept <= outFirst.length) outFirst[kept] = code;
    else outSecond[kept - outFirst.length] = code;
    kept++;
  }
  return kept;
}
