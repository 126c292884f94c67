/** Solution: the runtime's wait, which gives up when the channel closes short of a batch, or at shutdown. */
import type { Rx, SteadyActor } from '@steady/runtime';

/** Values per batch. */
export const BATCH = 10;

/** Logs the sum of every batch of values; the last batch may be shorter. */
export async function internalBehavior(actor: SteadyActor, valuesRx: Rx<number>): Promise<void> {
  while (actor.isRunning(() => valuesRx.isClosedAndEmpty())) {
    // False when a full batch can no longer come (the channel closed) or shutdown began: take what is there.
    await actor.waitAvail(valuesRx, BATCH);
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
