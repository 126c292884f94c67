/** The actors of this exercise's test (fixtures, not yours to edit): they hold channels at a fill level. */
import { defineActor, type Rx, type SteadyActor, type Tx } from '@steady/runtime';

/** Sends `count` values, then waits for shutdown. */
export async function fill(actor: SteadyActor, tx: Tx<number>, count: number): Promise<void> {
  for (let i = 0; i < count; i += 1) tx.trySend(i);
  while (actor.isRunning(() => tx.markClosed())) await actor.waitShutdown();
}

/** Takes nothing: whatever is sent to it stays in the channel. */
export async function hold(actor: SteadyActor, _rx: Rx<number>): Promise<void> {
  while (actor.isRunning()) await actor.waitShutdown();
}

export const Filler = defineActor(import.meta.url, fill);
export const Holder = defineActor(import.meta.url, hold);
