/** Wrong: leaves its own loop after the last beat instead of asking the graph to stop. */
import type { SteadyActor } from '@steady/runtime';
import type { MainArgs } from '../../../../src/args.ts';

export async function internalBehavior(actor: SteadyActor<MainArgs>): Promise<void> {
  const { rate, beats } = actor.args();
  let beat = 0;
  while (actor.isRunning()) {
    if (!(await actor.waitPeriodic(rate))) continue;
    beat += 1;
    actor.log.info(`Beat ${beat} of ${beats}`);
    if (beat === beats) break;
  }
}
