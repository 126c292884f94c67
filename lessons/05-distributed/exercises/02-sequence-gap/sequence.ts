/** The deserializer's sequence check. */
import { SequenceError, valueAt } from '../../src/wire.ts';

/** Checks that every value of `view` continues the sequence at `expected`; returns the next expected value. */
export function checkSequence(stream: string, view: DataView, expected: number): number {
  void stream;
  void SequenceError;
  void valueAt;
  return expected + view.byteLength / 8; // TODO: compare each value with the one expected
}
