/** LOGGER: logs each message, advancing its read position only after the message was logged. */
import { defineActor, type Rx, type SteadyActor, type SteadyState } from '@steady/runtime';
import type { MainArgs } from '../args.ts';
import { failIf, LOGGER_POISON, SHOWSTOPPER_PEEKS } from '../failures.ts';
import { describe, type FizzBuzzMessage } from '../fizzbuzz.ts';

export const NAME_LOGGER = 'logger';

export interface LoggerState {
  /** Messages logged. */
  logged: number;
}

export async function run(
  actor: SteadyActor<MainArgs>,
  fizzBuzzRx: Rx<FizzBuzzMessage>,
  state: SteadyState<LoggerState>,
) {
  if (actor.useInternalBehavior) return internalBehavior(actor, fizzBuzzRx, state);
  return actor.simulatedBehavior([fizzBuzzRx]);
}

export async function internalBehavior(
  actor: SteadyActor<MainArgs>,
  fizzBuzzRx: Rx<FizzBuzzMessage>,
  state: SteadyState<LoggerState>,
): Promise<void> {
  const { failures } = actor.args();
  const logger = state.lock(() => ({ logged: 0 }));
  actor.log.info(`starting (restart #${actor.restartCount}) with ${logger.logged} logged`);
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
      fizzBuzzRx.advanceTakeIndex(1); //#!#// logged, so now (and only now) it is taken
      logger.logged += 1;
    }
  }
  actor.log.info(`stopping: logged ${logger.logged} messages`);
}

export const LoggerActor = defineActor(import.meta.url, run);
