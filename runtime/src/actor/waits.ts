/**
 * Combinators over waits. Each wait resolves to `clean`: true when its condition was
 * met, false when it gave up (shutdown, a closed channel, or called off). The combinators
 * pass that on, and call off the waits whose outcome no longer matters: a wait that lost a
 * race would otherwise sleep on until its condition happened to come true, and an actor
 * racing an idle channel in a hot loop would pile up sleeping waits without bound.
 */

export type Wait = Promise<boolean> | boolean;

const CALL_OFF = Symbol('call off this wait');

type CancellableWait = Promise<boolean> & { [CALL_OFF]?: () => void };

/**
 * One wait's cancellation: the wait checks `cancelled` between sleeps, and registers how
 * to end its current sleep early with `onCancel`.
 */
export class WaitSignal {
  cancelled = false;
  private wake: (() => void) | undefined;

  /** Registers how to end the sleep in progress (replacing the previous one). */
  onCancel(wake: () => void): void {
    this.wake = wake;
  }

  cancel(): void {
    if (this.cancelled) return;
    this.cancelled = true;
    const wake = this.wake;
    this.wake = undefined;
    wake?.();
  }
}

/** Marks `promise` as a wait the combinators may call off through `signal`. */
export function cancellable(promise: Promise<boolean>, signal: WaitSignal): Promise<boolean> {
  (promise as CancellableWait)[CALL_OFF] = () => signal.cancel();
  return promise;
}

/** Calls off every cancellable wait (a settled one ignores it). */
function callOff(waits: readonly Wait[]): void {
  for (const wait of waits) if (typeof wait === 'object') (wait as CancellableWait)[CALL_OFF]?.();
}

/** Every wait must be clean; awaited in order, stopping at the first that is not (the rest are called off). */
export async function awaitForAll(...waits: Wait[]): Promise<boolean> {
  try {
    for (const wait of waits) {
      if (!(await wait)) return false;
    }
    return true;
  } finally {
    callOff(waits);
  }
}

/** The first wait to settle decides; the others are called off. */
export async function awaitForAny(...waits: Wait[]): Promise<boolean> {
  if (waits.length === 0) return true;
  try {
    return await Promise.race(waits);
  } finally {
    callOff(waits);
  }
}

/**
 * Waits for all of `rest`, but proceeds as soon as `first` settles: typically a timer
 * that says "go anyway", so a batch never waits forever for a full ring.
 */
export async function awaitForAllOrProceedUpon(first: Wait, ...rest: Wait[]): Promise<boolean> {
  try {
    return await Promise.race([first, awaitForAll(...rest)]);
  } finally {
    callOff([first, ...rest]);
  }
}
