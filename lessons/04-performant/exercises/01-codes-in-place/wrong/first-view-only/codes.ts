/** Wrong: writes into the first view only, as if the free region never wrapped. */
import type { Tx } from '@steady/runtime';
import { COUNTER_WRAP, fizzBuzzCode, int32Region } from '../../../../src/fizzbuzz.ts';

export function writeCodes(codesTx: Tx<number>, count: number, next: number): number {
  const [view] = int32Region(codesTx.pokeSlice());
  const length = Math.min(count, view.length);
  let value = next;
  for (let i = 0; i < length; i++) {
    view[i] = fizzBuzzCode(value);
    value = value + 1 === COUNTER_WRAP ? 0 : value + 1;
  }
  codesTx.advanceSendIndex(length);
  return value;
}
