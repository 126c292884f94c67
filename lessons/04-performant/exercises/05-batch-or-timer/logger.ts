/** Exercise: the logger must not wait forever for a batch that never fills. */
import type { Rx, SteadyActor, SteadyState } from '@steady/runtime';
import { countSlice, describeTally, emptyTally, type LoggerState } from '../../src/actor/logger.ts';
import { batchSize, type MainArgs } from '../../src/args.ts';
import { int32Region } from '../../src/fizzbuzz.ts';

export async function internalBehavior(
  actor: SteadyActor<MainArgs>,
  fizzBuzzRx: Rx<number>,
  state: SteadyState<LoggerState>,
): Promise<void> {
  const tally = state.lock(emptyTally);
  const batch = batchSize(actor.args().chunk, fizzBuzzRx.capacity);
  const report = (t: LoggerState) => actor.log.info(`Logger: ${describeTally(t)}`);
  while (actor.isRunning(() => fizzBuzzRx.isClosedAndEmpty())) {
    // TODO: a batch that never fills holds these messages back forever. Add a 30 ms timer.
    await actor.waitAvail(fizzBuzzRx, batch);
    const count = fizzBuzzRx.availUnits();
    if (count === 0) continue;
    const [first, second] = int32Region(fizzBuzzRx.peekSlice());
    const inFirst = Math.min(count, first.length);
    countSlice(tally, first, inFirst, report);
    countSlice(tally, second, count - inFirst, report);
    fizzBuzzRx.advanceTakeIndex(count);
  }
  actor.log.info(`Logger: total ${describeTally(tally)}`);
}
