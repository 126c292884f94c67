/** Wrong: counts down as the lesson's heartbeat does, so the beats are numbered 3, 2, 1. */
import type { SteadyActor } from '@steady/runtime';
import type { MainArgs } from '../../../../src/args.ts';

export async function internalBehavior(actor: SteadyActor<MainArgs>): Promise<void> {
  const { rate, beats } = actor.args();
  let left = beats;
  while (actor.isRunning()) {
    if (!(await actor.waitPeriodic(rate))) continue;
    actor.log.info(`Beat ${left} of ${beats}`);
    left -= 1;
    if (left === 0) actor.requestShutdown();
  }
}
