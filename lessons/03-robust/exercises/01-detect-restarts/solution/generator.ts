/** Solution: each life says which one it is and where it resumes. */
import type { SteadyActor, SteadyState, Tx } from '@steady/runtime';
import type { GeneratorState } from '../../../src/actor/generator.ts';
import type { MainArgs } from '../../../src/args.ts';
import { failIf } from '../../../src/failures.ts';

export async function internalBehavior(
  actor: SteadyActor<MainArgs>,
  generatedTx: Tx<number>,
  state: SteadyState<GeneratorState>,
): Promise<void> {
  const { failures } = actor.args();
  const generator = state.lock(() => ({ value: 0, loops: 0 }));
  actor.log.info(`starting (restart #${actor.restartCount}) with next value ${generator.value}`);
  while (actor.isRunning(() => generatedTx.markClosed())) {
    await actor.waitVacant(generatedTx, 1);
    generator.loops += 1;
    failIf(failures, generator.loops === 13 && actor.restartCount === 0, 'generator on its 13th loop');
    while (generatedTx.trySend(generator.value) === 'sent') generator.value += 1;
  }
}
