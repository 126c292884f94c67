/** Wrong: vetoes correctly but leaves the loop as soon as a wait comes back unclean, before the producer closed the channel. */
import type { Rx, SteadyActor } from '@steady/runtime';
import type { FizzBuzzMessage } from '../../../../src/fizzbuzz.ts';

/** Counts messages by kind, one message a turn, and logs the tally when it stops. */
export async function internalBehavior(actor: SteadyActor, messagesRx: Rx<FizzBuzzMessage>): Promise<void> {
  const tally = { FizzBuzz: 0, Fizz: 0, Buzz: 0, Value: 0 };
  while (actor.isRunning(() => messagesRx.isClosedAndEmpty())) {
    if (!(await actor.waitAvail(messagesRx, 1))) break;
    const message = messagesRx.tryTake();
    if (message !== undefined) tally[message.kind] += 1;
  }
  actor.log.info(
    `tally: ${tally.FizzBuzz} FizzBuzz, ${tally.Fizz} Fizz, ${tally.Buzz} Buzz, ${tally.Value} values`,
  );
}
