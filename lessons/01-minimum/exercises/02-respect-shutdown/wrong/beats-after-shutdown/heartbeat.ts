/** Wrong: loops on isRunning but ignores what waitPeriodic resolved to, so it beats once more after shutdown. */
import type { SteadyActor } from '@steady/runtime';
import type { MainArgs } from '../../../../src/args.ts';

export async function internalBehavior(actor: SteadyActor<MainArgs>): Promise<void> {
  const { rate } = actor.args();
  let beats = 0;
  while (actor.isRunning()) {
    await actor.waitPeriodic(rate);
    beats += 1;
    actor.log.info(`Heartbeat ${beats}`);
  }
  actor.log.info(`stopped after ${beats} beats`);
}
