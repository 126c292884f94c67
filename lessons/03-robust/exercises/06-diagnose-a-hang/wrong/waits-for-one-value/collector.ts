/** Wrong: waits for one value instead of a full batch, so a batch is whatever happens to be there. */
import type { Rx, SteadyActor } from '@steady/runtime';

/** Values per batch. */
export const BATCH = 10;

/** Logs the sum of every batch of values; the last batch may be shorter. */
export async function internalBehavior(actor: SteadyActor, valuesRx: Rx<number>): Promise<void> {
  while (actor.isRunning(() => valuesRx.isClosedAndEmpty())) {
    // Wait for something to sum: a wait for a full batch is what hung.
    await actor.waitAvail(valuesRx, 1);
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
