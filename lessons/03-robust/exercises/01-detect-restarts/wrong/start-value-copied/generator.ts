/** Wrong: writes the first life's value of the README example instead of reading it from the state. */
import type { SteadyActor, SteadyState, Tx } from '@steady/runtime';
import type { GeneratorState } from '../../../../src/actor/generator.ts';
import type { MainArgs } from '../../../../src/args.ts';
import { failIf } from '../../../../src/failures.ts';

/** The generator of this exercise fails once, on its first life, when it is about to send 20. */
export const FAIL_AT_VALUE = 20;

export async function internalBehavior(
  actor: SteadyActor<MainArgs>,
  generatedTx: Tx<number>,
  state: SteadyState<GeneratorState>,
): Promise<void> {
  const generator = state.lock(() => ({ value: 0, loops: 0 }));
  if (actor.restartCount === 0) actor.log.info('starting at value 0');
  else actor.log.warn(`recovered (restart #${actor.restartCount}): resuming at value ${generator.value}`);
  while (actor.isRunning(() => generatedTx.markClosed())) {
    await actor.waitVacant(generatedTx, 1);
    generator.loops += 1;
    while (generatedTx.vacantUnits() > 0) {
      failIf(
        true,
        generator.value === FAIL_AT_VALUE && actor.restartCount === 0,
        `generator at ${FAIL_AT_VALUE}`,
      );
      if (generatedTx.trySend(generator.value) !== 'sent') break;
      generator.value += 1;
    }
  }
}
