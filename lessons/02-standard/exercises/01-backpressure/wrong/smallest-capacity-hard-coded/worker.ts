/** Wrong: a batch of at most 2, the smallest capacity in the test, instead of asking the outputs for their room. */
import type { Rx, SteadyActor, Tx } from '@steady/runtime';
import { type FizzBuzzMessage, fizzBuzz } from '../../../../src/fizzbuzz.ts';

/** Sends each value's FizzBuzz message to the logger and the value itself to an audit channel. */
export async function internalBehavior(
  actor: SteadyActor,
  heartbeatRx: Rx<number>,
  generatorRx: Rx<number>,
  loggerTx: Tx<FizzBuzzMessage>,
  auditTx: Tx<number>,
): Promise<void> {
  while (
    actor.isRunning({
      'heartbeat closed and empty': () => heartbeatRx.isClosedAndEmpty(),
      'generator closed and empty': () => generatorRx.isClosedAndEmpty(),
      'outputs closed': () => loggerTx.markClosed() && auditTx.markClosed(),
    })
  ) {
    const clean = await actor.awaitForAll(
      actor.waitAvail(heartbeatRx, 1),
      actor.waitAvail(generatorRx, 1),
      actor.waitVacant(loggerTx, 1),
      actor.waitVacant(auditTx, 1),
    );
    if (heartbeatRx.tryTake() !== undefined || !clean) {
      let batch = Math.min(generatorRx.availUnits(), 2);
      while (batch-- > 0) {
        const value = generatorRx.tryTake();
        if (value === undefined) break;
        loggerTx.trySend(fizzBuzz(value));
        auditTx.trySend(value);
      }
    }
  }
}
