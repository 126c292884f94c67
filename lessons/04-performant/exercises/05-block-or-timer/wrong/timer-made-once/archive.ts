/** Exercise: an archiver that writes codes in blocks, but never lets a code wait long. */
import type { Rx, SteadyActor } from '@steady/runtime';

export interface ArchiveOptions {
  /** Codes in a full block: one write to storage each. */
  readonly block: number;
  /** The longest a code may wait before it is written, full block or not. */
  readonly maxLatencyMs: number;
}

/** Takes codes from `codesRx` and hands them to `write` in blocks of at most `block`. */
export async function archiveCodes(
  actor: SteadyActor<unknown>,
  codesRx: Rx<number>,
  write: (block: Int32Array) => void,
  { block, maxLatencyMs }: ArchiveOptions,
): Promise<void> {
  const buffer = new Int32Array(block); // allocated once: every block is staged in a view of it
  const timer = actor.waitTimeout(maxLatencyMs);
  while (actor.isRunning(() => codesRx.isClosedAndEmpty())) {
    // A full block, or whatever is there once maxLatencyMs has passed: few writes, bounded latency.
    await actor.awaitForAllOrProceedUpon(timer, actor.waitAvail(codesRx, block));
    const count = Math.min(codesRx.availUnits(), block);
    if (count === 0) continue;
    const staged = buffer.subarray(0, count);
    codesRx.takeSlice(staged);
    write(staged);
  }
}
