/** Exercise: write a batch in place with pokeSlice and commit it once. */
import type { Tx } from '@steady/runtime';
import { COUNTER_WRAP } from '../../src/fizzbuzz.ts';

/** Writes up to `count` counting values from `next` into the free slots of `generatedTx`; returns the next value. */
export function writeBatch(generatedTx: Tx<number>, count: number, next: number): number {
  // TODO: one call per message. Write into generatedTx.pokeSlice() and commit once instead.
  let value = next;
  for (let i = 0; i < count; i++) {
    if (generatedTx.trySend(value) !== 'sent') break;
    value = value + 1 === COUNTER_WRAP ? 0 : value + 1;
  }
  return value;
}
