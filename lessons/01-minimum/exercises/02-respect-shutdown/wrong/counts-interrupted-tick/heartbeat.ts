/** Wrong: counts the tick before asking whether it was a beat, so the tick that shutdown cut short is counted too. */
import type { SteadyActor } from '@steady/runtime';
import type { MainArgs } from '../../../../src/args.ts';

export async function internalBehavior(actor: SteadyActor<MainArgs>): Promise<void> {
  const { rate } = actor.args();
  let beats = 0;
  while (actor.isRunning()) {
    const ticked = await actor.waitPeriodic(rate);
    beats += 1;
    if (!ticked) continue;
    actor.log.info(`Heartbeat ${beats}`);
  }
  actor.log.info(`stopped after ${beats} beats`);
}
