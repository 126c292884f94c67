/** WORKER: maps values to packed FizzBuzz codes, a batch at a time, straight from ring to ring (zero copy). */
import { defineActor, type Rx, type SteadyActor, type Tx } from '@steady/runtime';
import type { MainArgs } from '../../args.ts';
import { mapRegions } from '../fizzbuzz.ts';

export const NAME_WORKER = 'worker';

export async function run(
  actor: SteadyActor<MainArgs>,
  heartbeatRx: Rx<number>,
  generatorRx: Rx<number>,
  loggerTx: Tx<number>,
): Promise<void> {
  return internalBehavior(actor, heartbeatRx, generatorRx, loggerTx);
}

/** Maps everything available that fits; returns the count. */
export function zeroCopyStep(generatorRx: Rx<number>, loggerTx: Tx<number>): number {
  const count = Math.min(generatorRx.availUnits(), loggerTx.vacantUnits());
  if (count === 0) return 0;
  mapRegions(generatorRx.peekSlice(), loggerTx.pokeSlice(), count); //#!#// views into both rings
  generatorRx.advanceTakeIndex(count);
  loggerTx.advanceSendIndex(count);
  return count;
}

export async function internalBehavior(
  actor: SteadyActor<MainArgs>,
  heartbeatRx: Rx<number>,
  generatorRx: Rx<number>,
  loggerTx: Tx<number>,
): Promise<void> {
  const batch = Math.max(1, Math.min(generatorRx.capacity, loggerTx.capacity) >> 2);
  while (
    actor.isRunning(
      () => heartbeatRx.isClosedAndEmpty() && generatorRx.isClosedAndEmpty() && loggerTx.markClosed(),
    )
  ) {
    // A batch in and room for it out; or go at once on a heartbeat or when the input has closed.
    await actor.awaitForAllOrProceedUpon(
      actor.waitAvail(heartbeatRx, 1),
      actor.waitAvail(generatorRx, batch),
      actor.waitVacant(loggerTx, batch),
    );
    heartbeatRx.advanceTakeIndex(heartbeatRx.availUnits()); // a beat only says "flush now"
    zeroCopyStep(generatorRx, loggerTx);
  }
}

export const WorkerActor = defineActor(import.meta.url, run);
