/** Wrong: logs the count before adding the line to it, so the numbering starts at #0. */
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
  while (actor.isRunning(() => fizzBuzzRx.isClosedAndEmpty())) {
    await actor.waitAvail(fizzBuzzRx, 1);
    for (let message = fizzBuzzRx.tryTake(); message !== undefined; message = fizzBuzzRx.tryTake()) {
      actor.log.info(`#${lines.logged} Msg ${describe(message)}`);
      lines.logged += 1;
    }
  }
}

export const NumberedLogger = defineActor(import.meta.url, run);
