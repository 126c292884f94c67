/** Solution: on an unclean wait (shutdown) the summer does one more batch without a heartbeat. */
import type { Rx, SteadyActor, Tx } from '@steady/runtime';

/** On each heartbeat, sends the sum of every value waiting in its input. */
export async function internalBehavior(
  actor: SteadyActor,
  beatRx: Rx<number>,
  valuesRx: Rx<number>,
  sumsTx: Tx<number>,
): Promise<void> {
  while (
    actor.isRunning({
      'beats closed and empty': () => beatRx.isClosedAndEmpty(),
      'values closed and empty': () => valuesRx.isClosedAndEmpty(),
      'sums closed': () => sumsTx.markClosed(),
    })
  ) {
    const clean = await actor.awaitForAll(
      actor.waitAvail(beatRx, 1),
      actor.waitAvail(valuesRx, 1),
      actor.waitVacant(sumsTx, 1),
    );
    const beat = beatRx.tryTake() !== undefined;
    if (beat || !clean) {
      let sum = 0;
      let summed = 0;
      for (let value = valuesRx.tryTake(); value !== undefined; value = valuesRx.tryTake()) {
        sum += value;
        summed += 1;
      }
      // Without a heartbeat, a sum only of values actually left: while the values' channel is still
      // open at shutdown, every turn comes back unclean, and would otherwise send a 0 each time.
      if (beat || summed > 0) sumsTx.trySend(sum);
    }
  }
}
