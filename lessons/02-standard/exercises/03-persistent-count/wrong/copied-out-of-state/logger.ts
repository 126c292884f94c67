/** Wrong: reads the count from persistent state once, then counts in a local copy that is never written back. */
import { defineActor, type Rx, type SteadyActor, type SteadyState } from '@steady/runtime';
import { describe, type FizzBuzzMessage } from '../../../../src/fizzbuzz.ts';

export interface NumberedLoggerState {
  logged: number;
}

export async function run(
  actor: SteadyActor,
  fizzBuzzRx: Rx<FizzBuzzMessage>,
  state: SteadyState<NumberedLoggerState>,
): Promise<void> {
  let logged = state.lock(() => ({ logged: 0 })).logged;
  while (actor.isRunning(() => fizzBuzzRx.isClosedAndEmpty())) {
    await actor.waitAvail(fizzBuzzRx, 1);
    for (let message = fizzBuzzRx.tryTake(); message !== undefined; message = fizzBuzzRx.tryTake()) {
      logged += 1;
      actor.log.info(`#${logged} Msg ${describe(message)}`);
    }
  }
}

export const NumberedLogger = defineActor(import.meta.url, run);
