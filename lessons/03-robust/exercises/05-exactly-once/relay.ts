/** The relay (the test's fixture): fails once, between sending value 10 and taking it. */
import { defineActor, type Rx, type SteadyActor, type Tx } from '@steady/runtime';

export async function relay(actor: SteadyActor, rx: Rx<number>, tx: Tx<number>): Promise<void> {
  while (
    actor.isRunning({ 'input drained': () => rx.isClosedAndEmpty(), 'output closed': () => tx.markClosed() })
  ) {
    if (!(await actor.awaitForAll(actor.waitAvail(rx, 1), actor.waitVacant(tx, 1)))) continue;
    for (let value = rx.tryPeek(); value !== undefined; value = rx.tryPeek()) {
      if (tx.trySend(value * 2) !== 'sent') break;
      if (value === 10 && actor.restartCount === 0) throw new Error('failed between send and take');
      rx.tryTake();
    }
    if (rx.isClosedAndEmpty()) tx.markClosed();
  }
}
export const Relay = defineActor(import.meta.url, relay);
