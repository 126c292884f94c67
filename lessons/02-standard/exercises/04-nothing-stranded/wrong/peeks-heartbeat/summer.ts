/** Wrong: asks whether a heartbeat is there instead of taking it, so one heartbeat counts for ever. */
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
    if (beatRx.availUnits() > 0 || !clean) {
      let sum = 0;
      for (let value = valuesRx.tryTake(); value !== undefined; value = valuesRx.tryTake()) sum += value;
      sumsTx.trySend(sum);
    }
  }
}
