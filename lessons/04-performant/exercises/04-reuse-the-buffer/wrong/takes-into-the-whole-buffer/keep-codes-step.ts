/** Wrong: caps count at the room downstream, but takes into the whole buffer, so takeSlice takes as many values as the buffer holds. */
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
  valuesRx.takeSlice(buffer);
  let kept = 0;
  for (let i = 0; i < count; i++) {
    const code = fizzBuzzCode(staged[i] as number);
    if (code < 0) staged[kept++] = code; // kept <= i: this never overwrites a value not yet read
  }
  codesTx.sendSlice(staged.subarray(0, kept));
  return count;
}
