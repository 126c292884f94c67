/** HEARTBEAT: beats at a fixed rate; fails once at beat 7 (first life only). */
import { defineActor, type SteadyActor, type SteadyState, type Tx } from '@steady/runtime';
import type { MainArgs } from '../args.ts';
import { failIf } from '../failures.ts';

export const NAME_HEARTBEAT = 'heartbeat';

export interface HeartbeatState {
  /** Beats sent so far. */
  count: number;
}

export async function run(
  actor: SteadyActor<MainArgs>,
  heartbeatTx: Tx<number>,
  state: SteadyState<HeartbeatState>,
) {
  if (actor.useInternalBehavior) return internalBehavior(actor, heartbeatTx, state);
  return actor.simulatedBehavior([heartbeatTx]);
}

export async function internalBehavior(
  actor: SteadyActor<MainArgs>,
  heartbeatTx: Tx<number>,
  state: SteadyState<HeartbeatState>,
): Promise<void> {
  const { rate, beats, failures } = actor.args();
  const heartbeat = state.lock(() => ({ count: 0 }));
  actor.log.info(`starting (restart #${actor.restartCount}) at beat ${heartbeat.count}`);
  while (actor.isRunning(() => heartbeatTx.markClosed())) {
    const clean = await actor.awaitForAll(actor.waitPeriodic(rate), actor.waitVacant(heartbeatTx, 1));
    if (!clean) continue;
    failIf(failures, heartbeat.count === 7 && actor.restartCount === 0, 'heartbeat at beat 7');
    if (heartbeatTx.trySend(heartbeat.count) !== 'sent') continue;
    heartbeat.count += 1;
    if (heartbeat.count >= beats) actor.requestShutdown();
  }
  actor.log.info(`stopping: sent ${heartbeat.count} beats`);
}

export const HeartbeatActor = defineActor(import.meta.url, run);
