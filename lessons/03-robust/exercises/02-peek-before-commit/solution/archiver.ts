/** Solution: peek, write, then take: a message that cannot be written stays until it is a showstopper. */
import type { Rx, SteadyActor, SteadyState } from '@steady/runtime';
import { SHOWSTOPPER_PEEKS } from '../../../src/failures.ts';
import { describe, type FizzBuzzMessage } from '../../../src/fizzbuzz.ts';
import type { Journal } from '../journal.ts';

export interface ArchiverState {
  /** Messages written to the journal. */
  written: number;
}

export async function internalBehavior(
  actor: SteadyActor,
  messagesRx: Rx<FizzBuzzMessage>,
  journal: Journal,
  state: SteadyState<ArchiverState>,
): Promise<void> {
  const archive = state.lock(() => ({ written: 0 }));
  while (actor.isRunning(() => messagesRx.isClosedAndEmpty())) {
    await actor.waitAvail(messagesRx, 1);
    for (;;) {
      if (messagesRx.isShowstopper(SHOWSTOPPER_PEEKS)) {
        await actor.dropShowstopper(messagesRx);
        continue;
      }
      const message = messagesRx.tryPeek();
      if (message === undefined) break;
      journal.write(describe(message));
      messagesRx.tryTake(); // written: now it may leave the channel
      archive.written += 1;
    }
  }
}
