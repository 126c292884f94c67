/** Solution: fill both views of the free region, then one advanceSendIndex for the whole batch. */
import type { Tx } from '@steady/runtime';
import { writeCounting } from '../../../src/actor/generator.ts';
import { int32Region } from '../../../src/fizzbuzz.ts';

/** Writes up to `count` counting values from `next` into the free slots of `generatedTx`; returns the next value. */
export function writeBatch(generatedTx: Tx<number>, count: number, next: number): number {
  const [first, second] = int32Region(generatedTx.pokeSlice());
  const inFirst = Math.min(count, first.length);
  const inSecond = Math.min(count - inFirst, second.length);
  let value = writeCounting(first, 0, inFirst, next);
  value = writeCounting(second, 0, inSecond, value);
  generatedTx.advanceSendIndex(inFirst + inSecond);
  return value;
}
