/**
 * WORKER: turns values into packed FizzBuzz codes, a batch at a time, in one of two ways:
 * zero copy (read the input ring and write the output ring in place) or double buffer
 * (copy a batch out into a buffer allocated once, map it there, copy it in).
 */
import { defineActor, type Rx, type SteadyActor, type Tx } from '@steady/runtime';
import { batchSize, type MainArgs, type WorkerKind } from '../args.ts';
import { mapInPlace, mapRegions } from '../fizzbuzz.ts';

export const NAME_WORKER = 'worker';

export async function run(
  actor: SteadyActor<MainArgs>,
  heartbeatRx: Rx<number>,
  generatorRx: Rx<number>,
  workerTx: Tx<number>,
): Promise<void> {
  return internalBehavior(actor, heartbeatRx, generatorRx, workerTx);
}

/** Zero copy: map straight from the input slots to the output slots, then commit both. */
export function zeroCopyStep(generatorRx: Rx<number>, workerTx: Tx<number>, batch: number): number {
  const count = Math.min(generatorRx.availUnits(), workerTx.vacantUnits(), batch);
  if (count === 0) return 0;
  mapRegions(generatorRx.peekSlice(), workerTx.pokeSlice(), count); //#!#// no copy: views into both rings
  generatorRx.advanceTakeIndex(count); //#!#// commit what was read and what was written, once per batch
  workerTx.advanceSendIndex(count);
  return count;
}

/** Double buffer: take a batch into `buffer` (allocated once, by the caller), map it, send it. */
export function doubleBufferStep(generatorRx: Rx<number>, workerTx: Tx<number>, buffer: Int32Array): number {
  const count = Math.min(generatorRx.availUnits(), workerTx.vacantUnits(), buffer.length);
  if (count === 0) return 0;
  const staged = count === buffer.length ? buffer : buffer.subarray(0, count); // a view, not a copy
  generatorRx.takeSlice(staged); //#!#// copy 1: out of the input ring
  mapInPlace(staged, count);
  workerTx.sendSlice(staged); //#!#// copy 2: into the output ring
  return count;
}

export async function internalBehavior(
  actor: SteadyActor<MainArgs>,
  heartbeatRx: Rx<number>,
  generatorRx: Rx<number>,
  workerTx: Tx<number>,
): Promise<void> {
  const { chunk, worker } = actor.args();
  const batch = batchSize(chunk, Math.min(generatorRx.capacity, workerTx.capacity));
  const buffer = worker === 'double-buffer' ? new Int32Array(batch) : undefined; //#!#// allocated once, reused for every batch
  const step = stepFor(worker, buffer, batch);
  while (
    actor.isRunning({
      'heartbeat closed and empty': () => heartbeatRx.isClosedAndEmpty(),
      'generator closed and empty': () => generatorRx.isClosedAndEmpty(),
      'worker output closed': () => workerTx.markClosed(),
    })
  ) {
    // A whole batch in and room for it out; or go at once on a heartbeat, so nothing waits long.
    await actor.awaitForAllOrProceedUpon(
      actor.waitAvail(heartbeatRx, 1), //#!#//
      actor.waitAvail(generatorRx, batch),
      actor.waitVacant(workerTx, batch),
    );
    heartbeatRx.advanceTakeIndex(heartbeatRx.availUnits()); // a beat only says "flush now"
    // Everything that is here now and fits, batch by batch; then back to isRunning.
    let left = Math.min(generatorRx.availUnits(), workerTx.vacantUnits());
    while (left > 0) {
      const moved = step(generatorRx, workerTx);
      if (moved === 0) break;
      left -= moved;
    }
  }
}

function stepFor(
  kind: WorkerKind,
  buffer: Int32Array | undefined,
  batch: number,
): (generatorRx: Rx<number>, workerTx: Tx<number>) => number {
  if (kind === 'double-buffer' && buffer) return (rx, tx) => doubleBufferStep(rx, tx, buffer);
  return (rx, tx) => zeroCopyStep(rx, tx, batch);
}

export const WorkerActor = defineActor(import.meta.url, run);
