/** Wrong: counts down and stops when the count reaches 0, before the last beat is logged. */
import type { SteadyActor } from '@steady/runtime';
import type { MainArgs } from '../../../../src/args.ts';

export async function internalBehavior(actor: SteadyActor<MainArgs>): Promise<void> {
  const { rate, beats } = actor.args();
  let left = beats;
  while (actor.isRunning()) {
    if (!(await actor.waitPeriodic(rate))) continue;
    left -= 1;
    if (left === 0) {
      actor.requestShutdown();
      continue;
    }
    actor.log.info(`Beat ${beats - left} of ${beats}`);
  }
}
