/** GENERATOR: sends 0, 1, 2, … as fast as the worker takes them. */
import { defineActor, type SteadyActor, type SteadyState, type Tx } from '@steady/runtime';
import type { MainArgs } from '../args.ts';

export const NAME_GENERATOR = 'generator';

export interface GeneratorState {
  /** The next value to send. */
  value: number;
}

export async function run(
  actor: SteadyActor<MainArgs>,
  generatedTx: Tx<number>,
  state: SteadyState<GeneratorState>,
) {
  if (actor.useInternalBehavior) return internalBehavior(actor, generatedTx, state);
  return actor.simulatedBehavior([generatedTx]); //#!#// in a test graph, the test directs this actor
}

export async function internalBehavior(
  actor: SteadyActor<MainArgs>,
  generatedTx: Tx<number>,
  state: SteadyState<GeneratorState>,
): Promise<void> {
  const generator = state.lock(() => ({ value: 0 })); //#!#// persistent: survives a restart of this actor
  while (actor.isRunning(() => generatedTx.markClosed())) {
    //#!#// agrees to stop once its output is closed
    await actor.waitVacant(generatedTx, 1); //#!#// backpressure: wait for room, never buffer without bound
    while (generatedTx.trySend(generator.value) === 'sent') generator.value += 1;
  }
}

export const GeneratorActor = defineActor(import.meta.url, run);
