/** Exercise: take a message only once it has been written to the journal. */
import type { Rx, SteadyActor, SteadyState } from '@steady/runtime';
import { SHOWSTOPPER_PEEKS } from '../../src/failures.ts';
import { describe, type FizzBuzzMessage } from '../../src/fizzbuzz.ts';
import type { Journal } from './journal.ts';

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
      const message = messagesRx.tryTake(); // TODO: gone from the channel before it is written
      if (message === undefined) break;
      journal.write(describe(message));
      archive.written += 1;
    }
  }
}
