/** Wrong: fills both views, but commits each view on its own (two index moves per batch). */
import type { Tx } from '@steady/runtime';
import { COUNTER_WRAP, fizzBuzzCode, int32Region } from '../../../../src/fizzbuzz.ts';

export function writeCodes(codesTx: Tx<number>, count: number, next: number): number {
  let value = next;
  let left = count;
  for (const view of int32Region(codesTx.pokeSlice())) {
    const length = Math.min(left, view.length);
    for (let i = 0; i < length; i++) {
      view[i] = fizzBuzzCode(value);
      value = value + 1 === COUNTER_WRAP ? 0 : value + 1;
    }
    codesTx.advanceSendIndex(length);
    left -= length;
  }
  return value;
}
