/** LOGGER: logs every FizzBuzz message it receives. */
import { defineActor, type Rx, type SteadyActor } from '@steady/runtime';
import type { MainArgs } from '../args.ts';
import { describe, type FizzBuzzMessage } from '../fizzbuzz.ts';

export const NAME_LOGGER = 'logger';

export async function run(actor: SteadyActor<MainArgs>, fizzBuzzRx: Rx<FizzBuzzMessage>): Promise<void> {
  if (actor.useInternalBehavior) return internalBehavior(actor, fizzBuzzRx);
  return actor.simulatedBehavior([fizzBuzzRx]);
}

export async function internalBehavior(
  actor: SteadyActor<MainArgs>,
  fizzBuzzRx: Rx<FizzBuzzMessage>,
): Promise<void> {
  while (actor.isRunning(() => fizzBuzzRx.isClosedAndEmpty())) {
    //#!#// stop only once everything was logged
    await actor.waitAvail(fizzBuzzRx, 1);
    for (let message = fizzBuzzRx.tryTake(); message !== undefined; message = fizzBuzzRx.tryTake()) {
      actor.log.info(`Msg ${describe(message)}`);
    }
  }
}

export const LoggerActor = defineActor(import.meta.url, run);
