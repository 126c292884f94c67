/** Wrong: adds the final line but keeps `while (true)`, so the loop never ends. */
import type { SteadyActor } from '@steady/runtime';
import type { MainArgs } from '../../../../src/args.ts';

export async function internalBehavior(actor: SteadyActor<MainArgs>): Promise<void> {
  const { rate } = actor.args();
  let beats = 0;
  for (;;) {
    if (!(await actor.waitPeriodic(rate))) continue;
    beats += 1;
    actor.log.info(`Heartbeat ${beats}`);
  }
}
