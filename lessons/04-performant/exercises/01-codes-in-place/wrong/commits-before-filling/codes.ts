/** Wrong: commits the batch with advanceSendIndex first, then fills the views it has just published. */
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
  const [beforeWrap, afterWrap] = int32Region(codesTx.pokeSlice());
  const inBefore = Math.min(count, beforeWrap.length);
  const inAfter = Math.min(count - inBefore, afterWrap.length);
  codesTx.advanceSendIndex(inBefore + inAfter);
  return fillCodes(afterWrap, inAfter, fillCodes(beforeWrap, inBefore, next));
}
