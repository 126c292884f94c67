/** Wrong: stages the batch in buffer.slice(), which allocates a copy instead of a view. */
import type { Rx, Tx } from '@steady/runtime';
import { fizzBuzzCode } from '../../../../src/fizzbuzz.ts';

export function keepCodesStep(valuesRx: Rx<number>, codesTx: Tx<number>, buffer: Int32Array): number {
  const count = Math.min(valuesRx.availUnits(), codesTx.vacantUnits(), buffer.length);
  if (count === 0) return 0;
  const staged = buffer.slice(0, count);
  valuesRx.takeSlice(staged);
  let kept = 0;
  for (let i = 0; i < count; i++) {
    const code = fizzBuzzCode(staged[i] as number);
    if (code < 0) staged[kept++] = code;
  }
  codesTx.sendSlice(staged.subarray(0, kept));
  return count;
}
