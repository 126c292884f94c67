/** Wrong: counts in a local copy and writes it back to the state only when the loop ends: a life that fails never writes it back. */
import { defineActor, type Rx, type SteadyActor, type SteadyState } from '@steady/runtime';
import { describe, type FizzBuzzMessage } from '../../../../src/fizzbuzz.ts';

export interface NumberedLoggerState {
  /** Lines logged so far, over every life. */
  logged: number;
}

export async function run(
  actor: SteadyActor,
  fizzBuzzRx: Rx<FizzBuzzMessage>,
  state: SteadyState<NumberedLoggerState>,
): Promise<void> {
  const lines = state.lock(() => ({ logged: 0 }));
  let logged = lines.logged;
  while (actor.isRunning(() => fizzBuzzRx.isClosedAndEmpty())) {
    await actor.waitAvail(fizzBuzzRx, 1);
    for (let message = fizzBuzzRx.tryTake(); message !== undefined; message = fizzBuzzRx.tryTake()) {
      logged += 1;
      actor.log.info(`#${logged} Msg ${describe(message)}`);
    }
  }
  lines.logged = logged;
}

export const NumberedLogger = defineActor(import.meta.url, run);
