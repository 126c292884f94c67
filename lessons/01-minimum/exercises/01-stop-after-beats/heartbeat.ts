/** Exercise: make the heartbeat stop the graph after its last beat. */
import type { SteadyActor } from '@steady/runtime';
import type { MainArgs } from '../../src/args.ts';

export async function internalBehavior(actor: SteadyActor<MainArgs>): Promise<void> {
  const { rate } = actor.args();
  let beat = 0;
  while (actor.isRunning()) {
    if (!(await actor.waitPeriodic(rate))) continue;
    beat += 1;
    actor.log.info(`Heartbeat ${beat} (rate ${rate} ms)`);
    // TODO: count the beats left and stop the graph after the last one.
  }
}
