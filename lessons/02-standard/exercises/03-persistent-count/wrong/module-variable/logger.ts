/** Wrong: the count moves out of the function into a module variable, which a new thread loads afresh. */
import { defineActor, type Rx, type SteadyActor, type SteadyState } from '@steady/runtime';
import { describe, type FizzBuzzMessage } from '../../../../src/fizzbuzz.ts';

export interface NumberedLoggerState {
  logged: number;
}

let logged = 0;

export async function run(
  actor: SteadyActor,
  fizzBuzzRx: Rx<FizzBuzzMessage>,
  _state: SteadyState<NumberedLoggerState>,
): Promise<void> {
  while (actor.isRunning(() => fizzBuzzRx.isClosedAndEmpty())) {
    await actor.waitAvail(fizzBuzzRx, 1);
    for (let message = fizzBuzzRx.tryTake(); message !== undefined; message = fizzBuzzRx.tryTake()) {
      logged += 1;
      actor.log.info(`#${logged} Msg ${describe(message)}`);
    }
  }
}

export const NumberedLogger = defineActor(import.meta.url, run);
