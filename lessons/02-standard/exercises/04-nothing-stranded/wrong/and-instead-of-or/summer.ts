/** Wrong: sums only when there is a heartbeat AND the wait was unclean, instead of either. */
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
    if (beatRx.tryTake() !== undefined && !clean) {
      let sum = 0;
      for (let value = valuesRx.tryTake(); value !== undefined; value = valuesRx.tryTake()) sum += value;
      sumsTx.trySend(sum);
    }
  }
}
