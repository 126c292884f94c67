/** Exercise: a double-buffer step that reuses the caller's buffer instead of allocating one per batch. */
import type { Rx, Tx } from '@steady/runtime';
import { mapInPlace } from '../../src/fizzbuzz.ts';

/** Takes a batch through `buffer`, maps it and sends it on; returns how many messages moved. */
export function doubleBufferStep(generatorRx: Rx<number>, workerTx: Tx<number>, _buffer: Int32Array): number {
  const count = Math.min(generatorRx.availUnits(), workerTx.vacantUnits());
  if (count === 0) return 0;
  // TODO: a new array for every batch, thrown away right after.
  const staged = new Int32Array(count);
  generatorRx.takeSlice(staged);
  mapInPlace(staged, count);
  workerTx.sendSlice(staged);
  return count;
}
