/** Wrong: stages the batch in the buffer, but filters it with map and filter (two new arrays per batch) and copies the result back. */
import type { Rx, Tx } from '@steady/runtime';
import { fizzBuzzCode } from '../../../../src/fizzbuzz.ts';

/**
 * Takes a batch of values through `buffer`, and sends on the code of each value that is a Fizz,
 * a Buzz or a FizzBuzz (plain values are dropped). Returns how many values it took.
 */
export function keepCodesStep(valuesRx: Rx<number>, codesTx: Tx<number>, buffer: Int32Array): number {
  // Every value could be kept, so take no more than the output has room for.
  const count = Math.min(valuesRx.availUnits(), codesTx.vacantUnits(), buffer.length);
  if (count === 0) return 0;
  const staged = buffer.subarray(0, count); // a view of the buffer, not a copy
  valuesRx.takeSlice(staged);
  const codes = staged.map(fizzBuzzCode).filter((code) => code < 0);
  staged.set(codes);
  codesTx.sendSlice(staged.subarray(0, codes.length));
  return count;
}
