/** Solution: every batch goes through a view of the buffer the worker allocated once. */
import type { Rx, Tx } from '@steady/runtime';
import { mapInPlace } from '../../../src/fizzbuzz.ts';

/** Takes a batch through `buffer`, maps it and sends it on; returns how many messages moved. */
export function doubleBufferStep(generatorRx: Rx<number>, workerTx: Tx<number>, buffer: Int32Array): number {
  const count = Math.min(generatorRx.availUnits(), workerTx.vacantUnits(), buffer.length);
  if (count === 0) return 0;
  const staged = buffer.subarray(0, count);
  generatorRx.takeSlice(staged);
  mapInPlace(staged, count);
  workerTx.sendSlice(staged);
  return count;
}
