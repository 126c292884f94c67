/** Solution: the logger agrees to stop only once its input is closed and empty. */
import type { Rx, SteadyActor } from '@steady/runtime';
import { describe, type FizzBuzzMessage } from '../../../src/fizzbuzz.ts';

export async function internalBehavior(actor: SteadyActor, fizzBuzzRx: Rx<FizzBuzzMessage>): Promise<void> {
  while (actor.isRunning(() => fizzBuzzRx.isClosedAndEmpty())) {
    await actor.waitAvail(fizzBuzzRx, 1);
    for (let message = fizzBuzzRx.tryTake(); message !== undefined; message = fizzBuzzRx.tryTake()) {
      actor.log.info(`Msg ${describe(message)}`);
    }
  }
}
