/** Wrong: swaps the sleep for the runtime's wait but keeps the loop around it, which still never ends. */
import type { Rx, SteadyActor } from '@steady/runtime';

/** Values per batch. */
export const BATCH = 10;

/** Logs the sum of every batch of values; the last batch may be shorter. */
export async function internalBehavior(actor: SteadyActor, valuesRx: Rx<number>): Promise<void> {
  while (actor.isRunning(() => valuesRx.isClosedAndEmpty())) {
    // Wait for a full batch, with the runtime's wait instead of a hand-made sleep.
    while (valuesRx.availUnits() < BATCH) await actor.waitAvail(valuesRx, BATCH);
    let count = 0;
    let sum = 0;
    for (let value = valuesRx.tryTake(); value !== undefined; value = valuesRx.tryTake()) {
      count += 1;
      sum += value;
      if (count === BATCH) break;
    }
    if (count > 0) actor.log.info(`batch of ${count}: sum ${sum}`);
  }
}
