/**
 * Node's timers return objects with `unref()`/`ref()` (the runtime unrefs its telemetry timer so
 * it never keeps a program alive); a browser's return numbers. The browser build injects these
 * wrappers wherever the bundled code says setTimeout or setInterval: a handle that has the
 * methods (no-ops: a worker has no event loop to keep alive) and converts to the browser's id,
 * so the browser's own clearTimeout and clearInterval accept it.
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
const webSetInterval = globalThis.setInterval as unknown as (callback: () => void, ms?: number) => number;

function setTimeoutWithHandle<A extends unknown[]>(
  callback: (...args: A) => void,
  ms?: number,
  ...args: A
): TimerHandle {
  return handle(webSetTimeout(() => callback(...args), ms));
}

function setIntervalWithHandle<A extends unknown[]>(
  callback: (...args: A) => void,
  ms?: number,
  ...args: A
): TimerHandle {
  return handle(webSetInterval(() => callback(...args), ms));
}

export { setIntervalWithHandle as setInterval, setTimeoutWithHandle as setTimeout };
