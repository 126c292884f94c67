/**
 * The work of the postMessage baselines that needs no platform: filling a batch with the
 * generator's values and counting a batch of FizzBuzz codes. Shared by the worker_threads
 * baseline here (`postmessage.ts`, `stages.ts`) and the site's same-page baseline in Web Workers.
 */
import { BUZZ, COUNTER_WRAP, FIZZ } from '../src/fizzbuzz.ts';

export interface Counts {
  fizz: number;
  buzz: number;
  fizzBuzz: number;
  values: number;
}

/** A batch in flight: its buffer is transferred, never copied; `length` values are in use. */
export interface Batch {
  readonly buffer: ArrayBuffer;
  readonly length: number;
}

/** Writes the generator's next `length` values into `view`, from `next`; returns the value after them. */
export function fillBatch(view: Int32Array, length: number, next: number): number {
  let value = next;
  for (let i = 0; i < length; i++) {
    view[i] = value;
    value = value + 1 === COUNTER_WRAP ? 0 : value + 1;
  }
  return value;
}

/** Adds the first `length` codes of `codes` to `counts` (a value, FIZZ, BUZZ or FIZZ_BUZZ). */
export function countInto(counts: Counts, codes: Int32Array, length: number): void {
  for (let i = 0; i < length; i++) {
    const code = codes[i] as number;
    if (code >= 0) counts.values++;
    else if (code === FIZZ) counts.fizz++;
    else if (code === BUZZ) counts.buzz++;
    else counts.fizzBuzz++;
  }
}
