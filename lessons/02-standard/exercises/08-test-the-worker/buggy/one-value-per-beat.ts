/** A BUGGY WORKER (forwards one value per heartbeat), for grading the learner's test. WORKER: on each heartbeat, turns every generated value that fits downstream into a FizzBuzz message. */
import { defineActor, type Rx, type SteadyActor, type Tx } from '@steady/runtime';
import type { MainArgs } from '../../../src/args.ts';
import { type FizzBuzzMessage, fizzBuzz } from '../../../src/fizzbuzz.ts';

export const NAME_WORKER = 'worker';

export async function run(
  actor: SteadyActor<MainArgs>,
  heartbeatRx: Rx<number>,
  generatorRx: Rx<number>,
  loggerTx: Tx<FizzBuzzMessage>,
): Promise<void> {
  return internalBehavior(actor, heartbeatRx, generatorRx, loggerTx);
}

export async function internalBehavior(
  actor: SteadyActor<MainArgs>,
  heartbeatRx: Rx<number>,
  generatorRx: Rx<number>,
  loggerTx: Tx<FizzBuzzMessage>,
): Promise<void> {
  // The veto names each condition, so an unclean stop says which one held the worker.
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
    // Work on a heartbeat, or when shutting down, so that no value is left stranded.
    if (heartbeatRx.tryTake() !== undefined || !clean) {
      // Take only what fits downstream: the logger's speed sets the pace (backpressure).
      let batch = Math.min(1, loggerTx.vacantUnits()); // BUG: one value per heartbeat, whatever waits
      while (batch-- > 0) {
        const value = generatorRx.tryTake();
        if (value === undefined) break;
        loggerTx.trySend(fizzBuzz(value));
      }
    }
  }
}

export const WorkerActor = defineActor(import.meta.url, run);
