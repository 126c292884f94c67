/** Exercise: make the heartbeat agree to stop when the graph asks. */
import type { SteadyActor } from '@steady/runtime';
import type { MainArgs } from '../../src/args.ts';

export async function internalBehavior(actor: SteadyActor<MainArgs>): Promise<void> {
  const { rate, beats } = actor.args();
  let count = beats;
  // TODO: this loop never ends, even when the graph asks every actor to stop.
  while (true) {
    if (!(await actor.waitPeriodic(rate))) continue;
    actor.log.info(`Heartbeat ${count} (rate ${rate} ms)`);
    count -= 1;
    if (count === 0) actor.requestShutdown();
  }
}
