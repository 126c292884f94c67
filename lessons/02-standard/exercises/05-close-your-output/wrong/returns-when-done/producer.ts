/** Wrong: returns once the last value is sent, trusting the runtime to close the output, instead of closing it and staying up. */
import type { SteadyActor, Tx } from '@steady/runtime';

/** Sends 0, 1, …, count - 1, then stays up (a real actor would have other duties) until shutdown. */
export async function internalBehavior(
  actor: SteadyActor,
  valuesTx: Tx<number>,
  count: number,
): Promise<void> {
  let sent = 0;
  while (actor.isRunning(() => valuesTx.markClosed())) {
    if (sent < count) {
      if (!(await actor.waitVacant(valuesTx, 1))) continue;
      while (sent < count && valuesTx.trySend(sent) === 'sent') sent += 1;
      if (sent === count) return;
    } else {
      await actor.waitShutdown();
    }
  }
}
