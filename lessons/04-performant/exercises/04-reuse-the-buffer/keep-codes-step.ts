/** Exercise: a double-buffer filter step that reuses the caller's buffer instead of allocating per batch. */
import type { Rx, Tx } from '@steady/runtime';
import { fizzBuzzCode } from '../../src/fizzbuzz.ts';

/**
 * Takes a batch of values through `buffer`, and sends on the code of each value that is a Fizz,
 * a Buzz or a FizzBuzz (plain values are dropped). Returns how many values it took.
 */
export function keepCodesStep(valuesRx: Rx<number>, codesTx: Tx<number>, _buffer: Int32Array): number {
  const count = Math.min(valuesRx.availUnits(), codesTx.vacantUnits());
  if (count === 0) return 0;
  // TODO: three new arrays for every batch (new, map, filter), thrown away right after.
  const batch = new Int32Array(count);
  valuesRx.takeSlice(batch);
  const codes = batch.map(fizzBuzzCode).filter((code) => code < 0);
  codesTx.sendSlice(codes);
  return count;
}
