/** Wrong: the two numbers of the line are swapped: `Beat 3 of 1`, `Beat 3 of 2`, `Beat 3 of 3`. */
import type { SteadyActor } from '@steady/runtime';
import type { MainArgs } from '../../../../src/args.ts';

export async function internalBehavior(actor: SteadyActor<MainArgs>): Promise<void> {
  const { rate, beats } = actor.args();
  let beat = 0;
  while (actor.isRunning()) {
    if (!(await actor.waitPeriodic(rate))) continue;
    beat += 1;
    actor.log.info(`Beat ${beats} of ${beat}`);
    if (beat === beats) actor.requestShutdown();
  }
}
