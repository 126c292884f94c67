/** Solution: the count lives in persistent state. */
import type { SteadyActor, SteadyState, Tx } from '@steady/runtime';
import type { HeartbeatState } from '../../../src/actor/heartbeat.ts';
import type { MainArgs } from '../../../src/args.ts';

export async function internalBehavior(
  actor: SteadyActor<MainArgs>,
  heartbeatTx: Tx<number>,
  state: SteadyState<HeartbeatState>,
): Promise<void> {
  const { rate, beats } = actor.args();
  const heartbeat = state.lock(() => ({ count: 0 }));
  while (actor.isRunning(() => heartbeatTx.markClosed())) {
    const clean = await actor.awaitForAll(actor.waitPeriodic(rate), actor.waitVacant(heartbeatTx, 1));
    if (!clean) continue;
    if (heartbeatTx.trySend(heartbeat.count) !== 'sent') continue;
    heartbeat.count += 1;
    if (heartbeat.count >= beats) actor.requestShutdown();
  }
}
