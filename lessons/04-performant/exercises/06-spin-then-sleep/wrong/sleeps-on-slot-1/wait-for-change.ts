/** Wrong: sleeps on slot 1 of the cell, the slot the first test uses, instead of on index. */

/**
 * Waits until `cell[index]` differs from `seen`, and resolves with the new value. Checks the cell
 * up to `spinTurns` times first (a change that comes within a microsecond costs no sleep), then
 * sleeps until another thread (or this one) calls `Atomics.notify(cell, index)` after a change.
 */
export async function waitForChange(
  cell: Int32Array,
  index: number,
  seen: number,
  spinTurns: number,
): Promise<number> {
  for (let turn = 0; turn < spinTurns; turn++) {
    const now = Atomics.load(cell, index);
    if (now !== seen) return now; // seen while spinning: no sleep, no wake-up
  }
  for (;;) {
    // Compared with `seen` atomically, as the sleep begins: a change made just before is not missed.
    const sleep = Atomics.waitAsync(cell, 1, seen);
    if (sleep.async) await sleep.value;
    const now = Atomics.load(cell, index);
    if (now !== seen) return now; // a notify without a change (or for another reason): sleep again
  }
}
