/** Wrong: makes a persistent state of its own inside run instead of using the one it is given: each life gets a new, empty one. */
import { defineActor, newState, type Rx, type SteadyActor, type SteadyState } from '@steady/runtime';
import { describe, type FizzBuzzMessage } from '../../../../src/fizzbuzz.ts';

export interface NumberedLoggerState {
  /** Lines logged so far, over every life. */
  logged: number;
}

export async function run(
  actor: SteadyActor,
  fizzBuzzRx: Rx<FizzBuzzMessage>,
  _state: SteadyState<NumberedLoggerState>,
): Promise<void> {
  const lines = newState<NumberedLoggerState>().lock(() => ({ logged: 0 }));
  while (actor.isRunning(() => fizzBuzzRx.isClosedAndEmpty())) {
    await actor.waitAvail(fizzBuzzRx, 1);
    for (let message = fizzBuzzRx.tryTake(); message !== undefined; message = fizzBuzzRx.tryTake()) {
      lines.logged += 1;
      actor.log.info(`#${lines.logged} Msg ${describe(message)}`);
    }
  }
}

export const NumberedLogger = defineActor(import.meta.url, run);
