/** Wrong: the number of beats is written into the code instead of read from the arguments. */
import type { SteadyActor } from '@steady/runtime';
import type { MainArgs } from '../../../../src/args.ts';

export async function internalBehavior(actor: SteadyActor<MainArgs>): Promise<void> {
  const { rate } = actor.args();
  let beat = 0;
  while (actor.isRunning()) {
    if (!(await actor.waitPeriodic(rate))) continue;
    beat += 1;
    actor.log.info(`Beat ${beat} of 3`);
    if (beat === 3) actor.requestShutdown();
  }
}
