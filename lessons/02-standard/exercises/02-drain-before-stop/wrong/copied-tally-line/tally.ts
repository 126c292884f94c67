/** Wrong: stops at once, as the starter did, and logs the line the README shows instead of its own counts. */
import type { Rx, SteadyActor } from '@steady/runtime';
import type { FizzBuzzMessage } from '../../../../src/fizzbuzz.ts';

/** Counts messages by kind, one message a turn, and logs the tally when it stops. */
export async function internalBehavior(actor: SteadyActor, messagesRx: Rx<FizzBuzzMessage>): Promise<void> {
  const tally = { FizzBuzz: 0, Fizz: 0, Buzz: 0, Value: 0 };
  while (actor.isRunning()) {
    await actor.waitAvail(messagesRx, 1);
    const message = messagesRx.tryTake();
    if (message !== undefined) tally[message.kind] += 1;
  }
  actor.log.info('tally: 1 FizzBuzz, 1 Fizz, 1 Buzz, 2 values');
}
