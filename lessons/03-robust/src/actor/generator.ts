/** GENERATOR: sends 0, 1, 2, …; fails once, on its 13th loop, to show a restart that loses nothing. */
import { defineActor, type SteadyActor, type SteadyState, type Tx } from '@steady/runtime';
import type { MainArgs } from '../args.ts';
import { failIf } from '../failures.ts';

export const NAME_GENERATOR = 'generator';

export interface GeneratorState {
  /** The next value to send (= values generated so far). */
  value: number;
  /** Loop turns so far. */
  loops: number;
}

export async function run(
  actor: SteadyActor<MainArgs>,
  generatedTx: Tx<number>,
  state: SteadyState<GeneratorState>,
) {
  if (actor.useInternalBehavior) return internalBehavior(actor, generatedTx, state);
  return actor.simulatedBehavior([generatedTx]);
}

export async function internalBehavior(
  actor: SteadyActor<MainArgs>,
  generatedTx: Tx<number>,
  state: SteadyState<GeneratorState>,
): Promise<void> {
  const { failures } = actor.args();
  const generator = state.lock(() => ({ value: 0, loops: 0 }));
  // Every life announces itself: a restarted actor carries on from its persistent state.
  actor.log.info(`starting (restart #${actor.restartCount}) with next value ${generator.value}`); //#!#//
  while (actor.isRunning(() => generatedTx.markClosed())) {
    await actor.waitVacant(generatedTx, 1);
    generator.loops += 1;
    failIf(failures, generator.loops === 13 && actor.restartCount === 0, 'generator on its 13th loop');
    while (generatedTx.trySend(generator.value) === 'sent') generator.value += 1;
  }
  actor.log.info(`stopping: generated ${generator.value} values`);
}

export const GeneratorActor = defineActor(import.meta.url, run);
