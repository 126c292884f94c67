/** Wrong: knows which record the journal refuses and drops it before even trying to write it. */
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
      if (describe(message) === 'Value(41)') {
        await actor.dropShowstopper(messagesRx); // the journal would refuse it anyway
        continue;
      }
      journal.write(describe(message));
      messagesRx.tryTake(); // written: now it may leave the channel
      archive.written += 1;
    }
  }
}
