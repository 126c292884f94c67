/** HEARTBEAT: every period, tells the worker to flush what it has; after the last beat, stops the graph. */
import { defineActor, type SteadyActor, type SteadyState, type Tx } from '@steady/runtime';
import type { MainArgs } from '../args.ts';

export const NAME_HEARTBEAT = 'heartbeat';

export interface HeartbeatState {
  /** Beats sent so far. */
  count: number;
}

export async function run(
  actor: SteadyActor<MainArgs>,
  heartbeatTx: Tx<number>,
  state: SteadyState<HeartbeatState>,
): Promise<void> {
  if (actor.useInternalBehavior) return internalBehavior(actor, heartbeatTx, state);
  return actor.simulatedBehavior([heartbeatTx]);
}

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

export const HeartbeatActor = defineActor(import.meta.url, run);
