/** Solution: the loop runs while the graph runs, skips an interrupted tick, and reports at the end. */
import type { SteadyActor } from '@steady/runtime';
import type { MainArgs } from '../../../src/args.ts';

export async function internalBehavior(actor: SteadyActor<MainArgs>): Promise<void> {
  const { rate } = actor.args();
  let beats = 0;
  while (actor.isRunning()) {
    if (!(await actor.waitPeriodic(rate))) continue;
    beats += 1;
    actor.log.info(`Heartbeat ${beats}`);
  }
  actor.log.info(`stopped after ${beats} beats`);
}
