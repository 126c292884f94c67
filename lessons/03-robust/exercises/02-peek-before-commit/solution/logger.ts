/** Solution: peek, log, then take. */
import type { Rx, SteadyActor, SteadyState } from '@steady/runtime';
import type { LoggerState } from '../../../src/actor/logger.ts';
import type { MainArgs } from '../../../src/args.ts';
import { failIf, LOGGER_POISON, SHOWSTOPPER_PEEKS } from '../../../src/failures.ts';
import { describe, type FizzBuzzMessage } from '../../../src/fizzbuzz.ts';

export async function internalBehavior(
  actor: SteadyActor<MainArgs>,
  fizzBuzzRx: Rx<FizzBuzzMessage>,
  state: SteadyState<LoggerState>,
): Promise<void> {
  const { failures } = actor.args();
  const logger = state.lock(() => ({ logged: 0 }));
  while (actor.isRunning(() => fizzBuzzRx.isClosedAndEmpty())) {
    await actor.waitAvail(fizzBuzzRx, 1);
    for (;;) {
      if (fizzBuzzRx.isShowstopper(SHOWSTOPPER_PEEKS)) {
        await actor.dropShowstopper(fizzBuzzRx);
        continue;
      }
      const message = fizzBuzzRx.tryPeek();
      if (message === undefined) break;
      failIf(
        failures,
        message.kind === 'Value' && message.value === LOGGER_POISON,
        `logger cannot log ${describe(message)}`,
      );
      actor.log.info(`Msg ${describe(message)}`);
      fizzBuzzRx.advanceTakeIndex(1);
      logger.logged += 1;
    }
  }
}
