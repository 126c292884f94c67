/** Exercise: a zero-copy filter from one ring's views into another's, whichever of them wraps. */
import type { Region } from '@steady/runtime';
import { fizzBuzzCode, int32Region } from '../../src/fizzbuzz.ts';

/**
 * Reads `count` values from the input region (two views), and writes the code of each value that
 * is a Fizz, a Buzz or a FizzBuzz into the output region (two views), packed and in order.
 * The output has room for `count` codes. Returns how many codes were written.
 */
export function keepCodes(input: Region, count: number, output: Region): number {
  const [inFirst] = int32Region(input);
  const [outFirst] = int32Region(output);
  // TODO: this assumes neither region wraps: the second views are ignored.
  let kept = 0;
  for (let i = 0; i < Math.min(count, inFirst.length); i++) {
    const code = fizzBuzzCode(inFirst[i] as number);
    if (code < 0 && kept < outFirst.length) outFirst[kept++] = code;
  }
  return kept;
}
