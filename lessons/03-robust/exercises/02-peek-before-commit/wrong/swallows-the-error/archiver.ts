/** Wrong: catches the failed write, logs it, and takes the message anyway: it is gone, not counted as dropped. */
import type { Rx, SteadyActor, SteadyState } from '@steady/runtime';
import { SHOWSTOPPER_PEEKS } from '../../../../src/failures.ts';
import { describe, type FizzBuzzMessage } from '../../../../src/fizzbuzz.ts';
import type { Journal } from '../../journal.ts';

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
      try {
        journal.write(describe(message));
      } catch (error) {
        actor.log.warn(`could not write ${describe(message)}: ${error}`);
        messagesRx.tryTake(); // move on to the next message
        continue;
      }
      messagesRx.tryTake(); // written: now it may leave the channel
      archive.written += 1;
    }
  }
}
