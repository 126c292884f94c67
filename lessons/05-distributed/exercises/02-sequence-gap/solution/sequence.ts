/** The deserializer's sequence check. */
import { SequenceError, valueAt } from '../../../src/wire.ts';

/** Checks that every value of `view` continues the sequence at `expected`; returns the next expected value. */
export function checkSequence(stream: string, view: DataView, expected: number): number {
  let next = expected;
  for (let i = 0; i < view.byteLength / 8; i++) {
    const got = valueAt(view, i);
    if (got !== next) throw new SequenceError(stream, next, got);
    next += 1;
  }
  return next;
}
