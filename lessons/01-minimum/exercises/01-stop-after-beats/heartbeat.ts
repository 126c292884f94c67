/** Exercise: make the heartbeat say which beat of how many, and stop the graph after the last one. */
import type { SteadyActor } from '@steady/runtime';
import type { MainArgs } from '../../src/args.ts';

export async function internalBehavior(actor: SteadyActor<MainArgs>): Promise<void> {
  const { rate } = actor.args();
  let beat = 0;
  while (actor.isRunning()) {
    if (!(await actor.waitPeriodic(rate))) continue;
    beat += 1;
    // TODO: log `Beat <n> of <beats>`, and stop the whole graph after the last beat.
    actor.log.info(`Beat ${beat}`);
  }
}
