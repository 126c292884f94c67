/**
 * The browser build's timers (`platform/browser/timers.ts`), run here on Node's own globals: a
 * timeout under 4 ms (the browser's clamp for nested timers) must not use the platform's timer at
 * all, must fire, and must be cancellable; longer ones, and every one where there is no shared
 * memory, go to the platform's timers, and clearing them reaches the platform's clearTimeout.
 */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';

type Timers = typeof import('../../src/platform/browser/timers.ts');

describe('browser timers', () => {
  const real = { setTimeout: globalThis.setTimeout, clearTimeout: globalThis.clearTimeout };
  let platformSet: ReturnType<typeof vi.fn>;
  let platformClear: ReturnType<typeof vi.fn>;
  let timers: Timers;

  beforeEach(async () => {
    // The module keeps the platform's functions it finds when it loads: spy on them first.
    // A browser's timers are numbers: Node's convert to theirs, which its clearTimeout takes.
    platformSet = vi.fn((callback: () => void, ms?: number) => Number(real.setTimeout(callback, ms)));
    platformClear = vi.fn((id?: number) => real.clearTimeout(id));
    globalThis.setTimeout = platformSet as unknown as typeof setTimeout;
    globalThis.clearTimeout = platformClear as unknown as typeof clearTimeout;
    vi.resetModules();
    timers = await import('../../src/platform/browser/timers.ts');
  });

  afterEach(() => {
    globalThis.setTimeout = real.setTimeout;
    globalThis.clearTimeout = real.clearTimeout;
  });

  const fired = (arm: (done: () => void) => unknown) =>
    new Promise<void>((resolve) => {
      arm(resolve);
    });

  it('a 2 ms timeout fires without the platform timer (no nested-timer clamp), with its arguments', async () => {
    const seen: number[] = [];
    await fired((done) =>
      timers.setTimeout(
        (a: number, b: number) => {
          seen.push(a, b);
          done();
        },
        2,
        7,
        8,
      ),
    );
    expect(seen).toEqual([7, 8]);
    expect(platformSet).not.toHaveBeenCalled();
  });

  it('a chain of 1 ms timeouts, each set from the last one’s callback, never uses the platform timer', async () => {
    let left = 20;
    await fired((done) => {
      const next = () => (--left === 0 ? done() : timers.setTimeout(next, 1));
      timers.setTimeout(next, 1);
    });
    expect(left).toBe(0);
    expect(platformSet).not.toHaveBeenCalled();
  });

  it('clearTimeout cancels a short timeout, and only that one', async () => {
    const cancelled = vi.fn();
    const handle = timers.setTimeout(cancelled, 1);
    expect(Number(handle)).toBeLessThan(0); // never an id of the platform's timers
    timers.clearTimeout(handle);
    await fired((done) => timers.setTimeout(done, 3)); // due after the cancelled one
    expect(cancelled).not.toHaveBeenCalled();
    expect(platformClear).not.toHaveBeenCalled();
  });

  it('0 ms and 4 ms or more go to the platform timer, and clearTimeout reaches it', async () => {
    const never = vi.fn();
    const long = timers.setTimeout(never, 50);
    expect(platformSet).toHaveBeenLastCalledWith(expect.any(Function), 50);
    timers.clearTimeout(long);
    expect(platformClear).toHaveBeenCalledWith(Number(long));
    await fired((done) => timers.setTimeout(done, 0));
    expect(platformSet).toHaveBeenLastCalledWith(expect.any(Function), 0);
    await fired((done) => timers.setTimeout(done, 4));
    expect(platformSet).toHaveBeenCalledTimes(3);
    await new Promise((resolve) => real.setTimeout(resolve, 60));
    expect(never).not.toHaveBeenCalled();
  });

  it('a page without shared memory (not cross-origin isolated) gets the platform timer', async () => {
    vi.stubGlobal('SharedArrayBuffer', undefined);
    try {
      await fired((done) => timers.setTimeout(done, 2));
      expect(platformSet).toHaveBeenLastCalledWith(expect.any(Function), 2);
    } finally {
      vi.unstubAllGlobals();
    }
  });

  it('handles have Node’s ref and unref (no-ops) and convert to their id', () => {
    const handle = timers.setTimeout(() => {}, 1);
    expect(handle.unref()).toBe(handle);
    expect(handle.ref()).toBe(handle);
    expect(handle.hasRef()).toBe(true);
    timers.clearTimeout(handle);
  });
});
