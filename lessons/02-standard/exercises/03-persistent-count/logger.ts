/** Exercise: the logger numbers its lines, and the numbering must survive into its next life. */
import { defineActor, type Rx, type SteadyActor, type SteadyState } from '@steady/runtime';
import { describe, type FizzBuzzMessage } from '../../src/fizzbuzz.ts';

export interface NumberedLoggerState {
  /** Lines logged so far, over every life. */
  logged: number;
}

export async function run(
  actor: SteadyActor,
  fizzBuzzRx: Rx<FizzBuzzMessage>,
  _state: SteadyState<NumberedLoggerState>,
): Promise<void> {
  let logged = 0; // TODO: this count dies with the actor
  while (actor.isRunning(() => fizzBuzzRx.isClosedAndEmpty())) {
    await actor.waitAvail(fizzBuzzRx, 1);
    for (let message = fizzBuzzRx.tryTake(); message !== undefined; message = fizzBuzzRx.tryTake()) {
      logged += 1;
      actor.log.info(`#${logged} Msg ${describe(message)}`);
    }
  }
}

export const NumberedLogger = defineActor(import.meta.url, run);
