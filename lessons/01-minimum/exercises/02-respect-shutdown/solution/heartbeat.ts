/** Solution: the loop runs while the graph is running. */
import type { SteadyActor } from '@steady/runtime';
import type { MainArgs } from '../../../src/args.ts';

export async function internalBehavior(actor: SteadyActor<MainArgs>): Promise<void> {
  const { rate, beats } = actor.args();
  let count = beats;
  while (actor.isRunning()) {
    if (!(await actor.waitPeriodic(rate))) continue;
    actor.log.info(`Heartbeat ${count} (rate ${rate} ms)`);
    count -= 1;
    if (count === 0) actor.requestShutdown();
  }
}
