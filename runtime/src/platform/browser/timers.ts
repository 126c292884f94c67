/**
 * Node's timers return objects with `unref()`/`ref()` (the runtime unrefs its telemetry timer so
 * it never keeps a program alive); a browser's return numbers. The browser build injects these
 * wrappers wherever the bundled code says setTimeout, setInterval or clearTimeout: a handle that
 * has the methods (no-ops: a worker has no event loop to keep alive) and converts to the
 * browser's id, so the browser's own clearTimeout and clearInterval accept it.
 *
 * Short timeouts do not use the browser's timer. A browser runs a timer set from inside a timer's
 * callback, five deep, no sooner than 4 ms (the HTML standard's clamp): an actor that sleeps
 * 2 ms between heartbeats (lesson 04) sleeps in a chain of such timers, and beat every 4 ms or
 * more instead of every 2. A timeout under 4 ms is an `Atomics.waitAsync` on a word nobody
 * changes, which ends after its timeout in a task of its own, with no clamp.
 */
export interface TimerHandle {
  ref(): TimerHandle;
  unref(): TimerHandle;
  hasRef(): boolean;
  [Symbol.toPrimitive](): number;
}

function handle(id: number): TimerHandle {
  const timer: TimerHandle = {
    ref: () => timer,
    unref: () => timer,
    hasRef: () => true,
    [Symbol.toPrimitive]: () => id,
  };
  return timer;
}

const webSetTimeout = globalThis.setTimeout as unknown as (callback: () => void, ms?: number) => number;
const webClearTimeout = globalThis.clearTimeout as unknown as (id?: number) => void;
const webSetInterval = globalThis.setInterval as unknown as (callback: () => void, ms?: number) => number;

/** Below this, a browser's nested timers are clamped (HTML: 4 ms once five deep). */
const CLAMPED_BELOW_MS = 4;

/** The word short timeouts wait on: always 0, never notified. */
let neverChanges: Int32Array | undefined;
/** Short timeouts not yet due, by the (negative) id their handle converts to. */
const shortTimeouts = new Map<number, () => void>();
let lastShortId = 0;

const canWaitAsync = () => typeof SharedArrayBuffer === 'function' && typeof Atomics.waitAsync === 'function';

function shortTimeout(callback: () => void, ms: number): TimerHandle {
  neverChanges ??= new Int32Array(new SharedArrayBuffer(4));
  const id = --lastShortId; // negative: never an id of the browser's own timers
  shortTimeouts.set(id, callback);
  const fire = () => {
    const due = shortTimeouts.get(id);
    shortTimeouts.delete(id);
    due?.();
  };
  const wait = Atomics.waitAsync(neverChanges, 0, 0, ms);
  if (wait.async) void wait.value.then(fire);
  else void Promise.resolve().then(fire); // not reached: the word is 0
  return handle(id);
}

function setTimeoutWithHandle<A extends unknown[]>(
  callback: (...args: A) => void,
  ms?: number,
  ...args: A
): TimerHandle {
  const delay = Number(ms) || 0;
  // Shared memory exists only in a cross-origin isolated page; elsewhere the browser's timer it is.
  if (delay > 0 && delay < CLAMPED_BELOW_MS && canWaitAsync())
    return shortTimeout(() => callback(...args), delay);
  return handle(webSetTimeout(() => callback(...args), ms));
}

function clearTimeoutOfHandle(timer?: TimerHandle | number): void {
  const id = timer === undefined ? undefined : Number(timer);
  if (id !== undefined && id < 0) shortTimeouts.delete(id);
  else webClearTimeout(id);
}

function setIntervalWithHandle<A extends unknown[]>(
  callback: (...args: A) => void,
  ms?: number,
  ...args: A
): TimerHandle {
  return handle(webSetInterval(() => callback(...args), ms));
}

export {
  clearTimeoutOfHandle as clearTimeout,
  setIntervalWithHandle as setInterval,
  setTimeoutWithHandle as setTimeout,
};
