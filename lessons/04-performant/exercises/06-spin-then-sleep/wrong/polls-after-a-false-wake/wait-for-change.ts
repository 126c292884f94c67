/** Wrong: sleeps with Atomics.waitAsync, but after a notify without a change falls back to polling every millisecond. */

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
  const sleep = Atomics.waitAsync(cell, index, seen);
  if (sleep.async) await sleep.value;
  // Woken without a change: check again every millisecond until it comes.
  while (Atomics.load(cell, index) === seen) await new Promise((resolve) => setTimeout(resolve, 1));
  return Atomics.load(cell, index);
}
