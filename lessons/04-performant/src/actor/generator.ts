/** GENERATOR: counts 0, 1, 2, … straight into the free slots of its ring, one batch at a time. */
import { defineActor, type SteadyActor, type SteadyState, type Tx } from '@steady/runtime';
import { batchSize, type MainArgs } from '../args.ts';
import { COUNTER_WRAP, int32Region } from '../fizzbuzz.ts';

export const NAME_GENERATOR = 'generator';

export interface GeneratorState {
  /** The next value to write (wraps to 0 at COUNTER_WRAP). */
  next: number;
}

export async function run(
  actor: SteadyActor<MainArgs>,
  generatedTx: Tx<number>,
  state: SteadyState<GeneratorState>,
): Promise<void> {
  if (actor.useInternalBehavior) return internalBehavior(actor, generatedTx, state);
  return actor.simulatedBehavior([generatedTx]);
}

/** Writes `count` counting values from `next` into `view` at `from`; returns the next value. */
export function writeCounting(view: Int32Array, from: number, count: number, next: number): number {
  let value = next;
  let at = from;
  let left = count;
  while (left > 0) {
    const run = Math.min(left, COUNTER_WRAP - value); // stop at the wrap, so the loop body has no branch
    for (let i = 0; i < run; i++) view[at + i] = value + i;
    at += run;
    left -= run;
    value += run;
    if (value === COUNTER_WRAP) value = 0;
  }
  return value;
}

/** Fills up to `count` free slots in place and commits them with one index move; returns the next value. */
export function writeBatch(generatedTx: Tx<number>, count: number, next: number): number {
  const [first, second] = int32Region(generatedTx.pokeSlice()); //#!#// the free slots, as views into the ring
  const inFirst = Math.min(count, first.length);
  const inSecond = Math.min(count - inFirst, second.length); // only when the free region wraps
  let value = writeCounting(first, 0, inFirst, next);
  value = writeCounting(second, 0, inSecond, value);
  generatedTx.advanceSendIndex(inFirst + inSecond); //#!#// one commit per batch, not one call per message
  return value;
}

export async function internalBehavior(
  actor: SteadyActor<MainArgs>,
  generatedTx: Tx<number>,
  state: SteadyState<GeneratorState>,
): Promise<void> {
  const generator = state.lock(() => ({ next: 0 }));
  const batch = batchSize(actor.args().chunk, generatedTx.capacity);
  while (actor.isRunning(() => generatedTx.markClosed())) {
    if (!(await actor.waitVacant(generatedTx, batch))) continue; //#!#// wait for room for a whole batch
    generator.next = writeBatch(generatedTx, batch, generator.next);
  }
}

export const GeneratorActor = defineActor(import.meta.url, run);
