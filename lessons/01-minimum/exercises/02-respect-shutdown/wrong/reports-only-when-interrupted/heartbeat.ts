/** Wrong: reports when a wait is cut short by shutdown, inside the loop, so a loop that ends without such a wait never reports. */
import type { SteadyActor } from '@steady/runtime';
import type { MainArgs } from '../../../../src/args.ts';

export async function internalBehavior(actor: SteadyActor<MainArgs>): Promise<void> {
  const { rate } = actor.args();
  let beats = 0;
  while (actor.isRunning()) {
    if (!(await actor.waitPeriodic(rate))) {
      actor.log.info(`stopped after ${beats} beats`);
      break;
    }
    beats += 1;
    actor.log.info(`Heartbeat ${beats}`);
  }
}
