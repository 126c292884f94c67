/** Exercise: make the heartbeat agree to stop when the graph asks, and report its beats. */
import type { SteadyActor } from '@steady/runtime';
import type { MainArgs } from '../../src/args.ts';

export async function internalBehavior(actor: SteadyActor<MainArgs>): Promise<void> {
  const { rate } = actor.args();
  let beats = 0;
  // TODO: this loop never ends, even when the graph asks every actor to stop.
  while (true) {
    await actor.waitPeriodic(rate);
    beats += 1;
    actor.log.info(`Heartbeat ${beats}`);
  }
  // TODO: once the loop has ended, log `stopped after <n> beats`.
}
