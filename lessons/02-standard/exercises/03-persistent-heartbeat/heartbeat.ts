/** Exercise: the heartbeat's count must survive a restart. */
import type { SteadyActor, SteadyState, Tx } from '@steady/runtime';
import type { HeartbeatState } from '../../src/actor/heartbeat.ts';
import type { MainArgs } from '../../src/args.ts';

export async function internalBehavior(
  actor: SteadyActor<MainArgs>,
  heartbeatTx: Tx<number>,
  _state: SteadyState<HeartbeatState>,
): Promise<void> {
  const { rate, beats } = actor.args();
  let count = 0; // TODO: this count dies with the actor
  while (actor.isRunning(() => heartbeatTx.markClosed())) {
    const clean = await actor.awaitForAll(actor.waitPeriodic(rate), actor.waitVacant(heartbeatTx, 1));
    if (!clean) continue;
    if (heartbeatTx.trySend(count) !== 'sent') continue;
    count += 1;
    if (count >= beats) actor.requestShutdown();
  }
}
