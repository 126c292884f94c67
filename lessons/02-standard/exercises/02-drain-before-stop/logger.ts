/** Exercise: the logger must not stop while messages can still arrive. */
import type { Rx, SteadyActor } from '@steady/runtime';
import { describe, type FizzBuzzMessage } from '../../src/fizzbuzz.ts';

export async function internalBehavior(actor: SteadyActor, fizzBuzzRx: Rx<FizzBuzzMessage>): Promise<void> {
  // TODO: this agrees to stop at once, even with messages still to come.
  while (actor.isRunning()) {
    await actor.waitAvail(fizzBuzzRx, 1);
    for (let message = fizzBuzzRx.tryTake(); message !== undefined; message = fizzBuzzRx.tryTake()) {
      actor.log.info(`Msg ${describe(message)}`);
    }
  }
}
