/** Wrong: sums whenever values are waiting, without waiting for a heartbeat. */
import type { Rx, SteadyActor, Tx } from '@steady/runtime';

export async function internalBehavior(
  actor: SteadyActor,
  beatRx: Rx<number>,
  valuesRx: Rx<number>,
  sumsTx: Tx<number>,
): Promise<void> {
  while (
    actor.isRunning({
      'values closed and empty': () => valuesRx.isClosedAndEmpty(),
      'sums closed': () => sumsTx.markClosed(),
    })
  ) {
    await actor.awaitForAll(actor.waitAvail(valuesRx, 1), actor.waitVacant(sumsTx, 1));
    beatRx.tryTake();
    let sum = 0;
    let any = false;
    for (let value = valuesRx.tryTake(); value !== undefined; value = valuesRx.tryTake()) {
      sum += value;
      any = true;
    }
    if (any) sumsTx.trySend(sum);
  }
}
