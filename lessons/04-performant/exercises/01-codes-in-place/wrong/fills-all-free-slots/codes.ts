/** Wrong: fills every free slot of the ring, whatever count asks for. */
import type { Tx } from '@steady/runtime';
import { COUNTER_WRAP, fizzBuzzCode, int32Region } from '../../../../src/fizzbuzz.ts';

/** Writes the codes of `length` counting values from `next` into `view`; returns the next value. */
function fillCodes(view: Int32Array, length: number, next: number): number {
  let value = next;
  for (let i = 0; i < length; i++) {
    view[i] = fizzBuzzCode(value);
    value = value + 1 === COUNTER_WRAP ? 0 : value + 1;
  }
  return value;
}

/**
 * Writes the codes of up to `count` counting values, from `next` on, into the free slots of
 * `codesTx`; returns the next value to encode (after COUNTER_WRAP - 1 comes 0).
 */
export function writeCodes(codesTx: Tx<number>, count: number, next: number): number {
  void count; // every free slot, whatever was asked
  const [beforeWrap, afterWrap] = int32Region(codesTx.pokeSlice());
  const inBefore = beforeWrap.length;
  const inAfter = afterWrap.length;
  const value = fillCodes(afterWrap, inAfter, fillCodes(beforeWrap, inBefore, next));
  codesTx.advanceSendIndex(inBefore + inAfter);
  return value;
}
