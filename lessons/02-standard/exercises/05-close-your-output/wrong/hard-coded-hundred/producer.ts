/** Wrong: closes the output after value 99, the last value of the README, instead of after the last of `count`. */
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
      if (sent === 100) valuesTx.markClosed();
    } else {
      await actor.waitShutdown();
    }
  }
}
