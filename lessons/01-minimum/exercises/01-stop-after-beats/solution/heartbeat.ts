/** Solution: the heartbeat counts up to `beats` from its arguments, then requests shutdown. */
import type { SteadyActor } from '@steady/runtime';
import type { MainArgs } from '../../../src/args.ts';

export async function internalBehavior(actor: SteadyActor<MainArgs>): Promise<void> {
  const { rate, beats } = actor.args();
  let beat = 0;
  while (actor.isRunning()) {
    if (!(await actor.waitPeriodic(rate))) continue;
    beat += 1;
    actor.log.info(`Beat ${beat} of ${beats}`);
    if (beat === beats) actor.requestShutdown();
  }
}
