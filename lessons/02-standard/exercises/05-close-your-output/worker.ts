/** Exercise: the worker must close its output as part of stopping. */
import type { Rx, SteadyActor, Tx } from '@steady/runtime';
import { type FizzBuzzMessage, fizzBuzz } from '../../src/fizzbuzz.ts';

export async function internalBehavior(
  actor: SteadyActor,
  heartbeatRx: Rx<number>,
  generatorRx: Rx<number>,
  loggerTx: Tx<FizzBuzzMessage>,
): Promise<void> {
  while (
    actor.isRunning({
      'heartbeat closed and empty': () => heartbeatRx.isClosedAndEmpty(),
      'generator closed and empty': () => generatorRx.isClosedAndEmpty(),
      // TODO: the logger is never told that nothing more will come.
    })
  ) {
    const clean = await actor.awaitForAll(
      actor.waitAvail(heartbeatRx, 1),
      actor.waitAvail(generatorRx, 1),
      actor.waitVacant(loggerTx, 1),
    );
    if (heartbeatRx.tryTake() !== undefined || !clean) {
      let batch = Math.min(generatorRx.availUnits(), loggerTx.vacantUnits());
      while (batch-- > 0) {
        const value = generatorRx.tryTake();
        if (value === undefined) break;
        loggerTx.trySend(fizzBuzz(value));
      }
    }
  }
}
