/**
 * Combinators over waits. Each wait resolves to `clean`: true when its condition was
 * met, false when it gave up (shutdown, a closed channel). The combinators pass that on.
 */

export type Wait = Promise<boolean> | boolean;

/** Every wait must be clean; awaited in order, stopping at the first that is not. */
export async function awaitForAll(...waits: Wait[]): Promise<boolean> {
  for (const wait of waits) {
    if (!(await wait)) return false;
  }
  return true;
}

/** The first wait to settle decides. */
export async function awaitForAny(...waits: Wait[]): Promise<boolean> {
  if (waits.length === 0) return true;
  return Promise.race(waits.map((w) => Promise.resolve(w)));
}

/**
 * Waits for all of `rest`, but proceeds as soon as `first` settles: typically a timer
 * that says "go anyway", so a batch never waits forever for a full ring.
 */
export async function awaitForAllOrProceedUpon(first: Wait, ...rest: Wait[]): Promise<boolean> {
  return Promise.race([Promise.resolve(first), awaitForAll(...rest)]);
}
