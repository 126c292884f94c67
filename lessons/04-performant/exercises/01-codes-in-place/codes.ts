/** Exercise: a source that writes FizzBuzz codes straight into its ring, and commits each batch once. */
import type { Tx } from '@steady/runtime';
import { COUNTER_WRAP, fizzBuzzCode } from '../../src/fizzbuzz.ts';

/**
 * Writes the codes of up to `count` counting values, from `next` on, into the free slots of
 * `codesTx`; returns the next value to encode (after COUNTER_WRAP - 1 comes 0).
 */
export function writeCodes(codesTx: Tx<number>, count: number, next: number): number {
  // TODO: one call per message. Write into codesTx.pokeSlice() and commit the batch once.
  let value = next;
  for (let i = 0; i < count; i++) {
    if (codesTx.trySend(fizzBuzzCode(value)) !== 'sent') break;
    value = value + 1 === COUNTER_WRAP ? 0 : value + 1;
  }
  return value;
}
