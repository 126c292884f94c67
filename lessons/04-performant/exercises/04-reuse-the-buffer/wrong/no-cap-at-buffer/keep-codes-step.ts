/** Wrong: forgets that a batch is at most one buffer long (subarray clamps silently). */
import type { Rx, Tx } from '@steady/runtime';
import { fizzBuzzCode } from '../../../../src/fizzbuzz.ts';

export function keepCodesStep(valuesRx: Rx<number>, codesTx: Tx<number>, buffer: Int32Array): number {
  const count = Math.min(valuesRx.availUnits(), codesTx.vacantUnits());
  if (count === 0) return 0;
  const staged = buffer.subarray(0, count);
  valuesRx.takeSlice(staged);
  let kept = 0;
  for (let i = 0; i < staged.length; i++) {
    const code = fizzBuzzCode(staged[i] as number);
    if (code < 0) staged[kept++] = code;
  }
  codesTx.sendSlice(staged.subarray(0, kept));
  return count;
}
