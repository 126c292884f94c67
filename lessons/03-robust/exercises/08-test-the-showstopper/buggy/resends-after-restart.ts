/**
 * A BUGGY WORKER (sends its last message again after a restart), for grading the learner's test.
 * WORKER: FizzBuzz, robustly. It peeks a value, processes and sends it, and only then takes
 * it: a failure in between leaves the value where it was. A value that keeps failing
 * (a showstopper) is dropped after a few tries, so one bad value cannot stop the pipeline.
 */
import { defineActor, type Rx, type SteadyActor, type SteadyState, type Tx } from '@steady/runtime';
import type { MainArgs } from '../../../src/args.ts';
import { failIf, SHOWSTOPPER_PEEKS, WORKER_POISON } from '../../../src/failures.ts';
import { type FizzBuzzMessage, fizzBuzz } from '../../../src/fizzbuzz.ts';

export const NAME_WORKER = 'worker';

export interface WorkerState {
  /** Values turned into FizzBuzz messages and sent. */
  processed: number;
  /** The last value sent. */
  last?: number;
}

export async function run(
  actor: SteadyActor<MainArgs>,
  heartbeatRx: Rx<number>,
  generatorRx: Rx<number>,
  loggerTx: Tx<FizzBuzzMessage>,
  state: SteadyState<WorkerState>,
): Promise<void> {
  return internalBehavior(actor, heartbeatRx, generatorRx, loggerTx, state);
}

export async function internalBehavior(
  actor: SteadyActor<MainArgs>,
  heartbeatRx: Rx<number>,
  generatorRx: Rx<number>,
  loggerTx: Tx<FizzBuzzMessage>,
  state: SteadyState<WorkerState>,
): Promise<void> {
  const { failures } = actor.args();
  const worker = state.lock(() => ({ processed: 0 }));
  actor.log.info(`starting (restart #${actor.restartCount}) with ${worker.processed} processed`);
  // BUG: "in case it was lost", a restarted worker sends its last message again, though it was sent.
  if (actor.restartCount > 0 && worker.last !== undefined) loggerTx.trySend(fizzBuzz(worker.last));
  while (
    actor.isRunning({
      'heartbeat closed and empty': () => heartbeatRx.isClosedAndEmpty(),
      'generator closed and empty': () => generatorRx.isClosedAndEmpty(),
      'logger output closed': () => loggerTx.markClosed(),
    })
  ) {
    const clean = await actor.awaitForAll(
      actor.waitAvail(heartbeatRx, 1),
      actor.waitAvail(generatorRx, 1),
      actor.waitVacant(loggerTx, 1),
    );
    if (heartbeatRx.tryTake() === undefined && clean) continue;
    for (let room = loggerTx.vacantUnits(); room > 0; ) {
      if (generatorRx.isShowstopper(SHOWSTOPPER_PEEKS)) {
        // peeked 3 times, never taken: it will never pass
        await actor.dropShowstopper(generatorRx); // logged, counted, and out of the way
        continue;
      }
      const value = generatorRx.tryPeek(); // look, but do not take yet
      if (value === undefined) break;
      failIf(failures, value === WORKER_POISON, `worker cannot process ${value}`);
      loggerTx.trySend(fizzBuzz(value));
      generatorRx.tryTake(); // commit: only now is the value gone from the input
      worker.processed += 1;
      worker.last = value;
      room -= 1;
    }
  }
  actor.log.info(`stopping: processed ${worker.processed} values`);
}

export const WorkerActor = defineActor(import.meta.url, run);
