/** Wrong: writes in place and commits once, but counts past COUNTER_WRAP - 1 instead of starting again at 0. */
import type { Tx } from '@steady/runtime';
import { fizzBuzzCode, int32Region } from '../../../../src/fizzbuzz.ts';

export function writeCodes(codesTx: Tx<number>, count: number, next: number): number {
  const [first, second] = int32Region(codesTx.pokeSlice());
  const inFirst = Math.min(count, first.length);
  const inSecond = Math.min(count - inFirst, second.length);
  for (let i = 0; i < inFirst; i++) first[i] = fizzBuzzCode(next + i);
  for (let i = 0; i < inSecond; i++) second[i] = fizzBuzzCode(next + inFirst + i);
  codesTx.advanceSendIndex(inFirst + inSecond);
  return next + inFirst + inSecond;
}
