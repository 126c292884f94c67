/** Exercise: the worker must not take more than the logger has room for. */
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
      'logger output closed': () => loggerTx.markClosed(),
    })
  ) {
    const clean = await actor.awaitForAll(
      actor.waitAvail(heartbeatRx, 1),
      actor.waitAvail(generatorRx, 1),
      actor.waitVacant(loggerTx, 1),
    );
    if (heartbeatRx.tryTake() !== undefined || !clean) {
      // TODO: this takes everything available, whether or not the logger has room for it.
      let batch = generatorRx.availUnits();
      while (batch-- > 0) {
        const value = generatorRx.tryTake();
        if (value === undefined) break;
        loggerTx.trySend(fizzBuzz(value));
      }
    }
  }
}
