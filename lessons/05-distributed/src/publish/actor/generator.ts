/**
 * GENERATOR: values 0, 1, 2, … written straight into the ring (zero copy), as many as fit at
 * once; stops after beats × values and asks to stop.
 */
import { defineActor, type SteadyActor, type SteadyState, type Tx } from '@steady/runtime';
import type { MainArgs } from '../../args.ts';

export const NAME_GENERATOR = 'generator';

export interface GeneratorState {
  /** The next value to send (= values sent so far). */
  next: number;
}

export async function run(
  actor: SteadyActor<MainArgs>,
  generatorTx: Tx<number>,
  state: SteadyState<GeneratorState>,
): Promise<void> {
  if (actor.useInternalBehavior) return internalBehavior(actor, generatorTx, state);
  return actor.simulatedBehavior([generatorTx]);
}

/** Writes the next `count` values into the writable region; returns the next value. */
export function fillRegion(generatorTx: Tx<number>, next: number, count: number): number {
  const [first, second] = generatorTx.pokeSlice(); //#!#// views into the ring: no array, no copy
  const a = Math.min(first.length, count);
  for (let i = 0; i < a; i++) first[i] = next + i;
  for (let i = a; i < count; i++) second[i - a] = next + i;
  generatorTx.advanceSendIndex(count); //#!#// one commit for the whole batch
  return next + count;
}

export async function internalBehavior(
  actor: SteadyActor<MainArgs>,
  generatorTx: Tx<number>,
  state: SteadyState<GeneratorState>,
): Promise<void> {
  const { beats, values } = actor.args();
  const total = beats * values;
  const batch = Math.max(1, Math.min(generatorTx.capacity >> 1, 1 << 14));
  const generator = state.lock(() => ({ next: 0 }));
  while (actor.isRunning(() => generatorTx.markClosed())) {
    if (generator.next >= total) {
      generatorTx.markClosed();
      await actor.waitShutdown();
      continue;
    }
    await actor.awaitForAll(actor.waitVacant(generatorTx, Math.min(batch, total - generator.next)));
    const count = Math.min(generatorTx.vacantUnits(), total - generator.next);
    if (count === 0) continue;
    generator.next = fillRegion(generatorTx, generator.next, count);
    if (generator.next >= total) actor.requestShutdown(); //#!#// the other vote of the barrier
  }
}

export const GeneratorActor = defineActor(import.meta.url, run);
