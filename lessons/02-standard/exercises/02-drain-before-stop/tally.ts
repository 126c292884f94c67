/** Exercise: the tally must not stop while messages can still arrive. */
import type { Rx, SteadyActor } from '@steady/runtime';
import type { FizzBuzzMessage } from '../../src/fizzbuzz.ts';

/** Counts messages by kind, one message a turn, and logs the tally when it stops. */
export async function internalBehavior(actor: SteadyActor, messagesRx: Rx<FizzBuzzMessage>): Promise<void> {
  const tally = { FizzBuzz: 0, Fizz: 0, Buzz: 0, Value: 0 };
  // TODO: this agrees to stop at once, even with messages still to come.
  while (actor.isRunning()) {
    await actor.waitAvail(messagesRx, 1);
    const message = messagesRx.tryTake();
    if (message !== undefined) tally[message.kind] += 1;
  }
  actor.log.info(
    `tally: ${tally.FizzBuzz} FizzBuzz, ${tally.Fizz} Fizz, ${tally.Buzz} Buzz, ${tally.Value} values`,
  );
}
