import { expect, it } from 'vitest';
import { waitForChange } from './wait-for-change.ts';

const settle = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
/** `promise`'s value, or 'still waiting' if it has not settled within `ms`. */
const within = <T>(promise: Promise<T>, ms: number) =>
  Promise.race([promise, settle(ms).then(() => 'still waiting' as const)]);
const newCell = () => new Int32Array(new SharedArrayBuffer(8));

it('returns at once when the value already changed, while spinning or not', async () => {
  const cell = newCell();
  Atomics.store(cell, 1, 5);
  expect(await within(waitForChange(cell, 1, 0, 100), 2000), 'spinning 100 turns').toBe(5);
  const noSpin = waitForChange(cell, 1, 0, 0);
  try {
    expect(
      await within(noSpin, 2000),
      'with no spin, the value had already changed from `seen`: compare with `seen`, or a change made before the sleep is missed',
    ).toBe(5);
  } finally {
    Atomics.notify(cell, 1); // never leave a sleeper behind
  }
});

it('sleeps until notified, and a notify without a change does not end the wait', async () => {
  const cell = newCell();
  const waiting = waitForChange(cell, 0, 0, 100); // slot 0 this time: the wait is on cell[index]
  try {
    await settle(20);
    expect(
      Atomics.notify(cell, 0),
      'threads woken by a notify on cell[index]: nobody sleeps there; sleep with Atomics.waitAsync(cell, index, seen) instead of checking again and again',
    ).toBe(1);
    await settle(20);
    Atomics.store(cell, 0, 7);
    expect(
      Atomics.notify(cell, 0),
      'threads woken by the notify after the change: the first notify changed nothing, so check the value and sleep again',
    ).toBe(1);
    expect(await within(waiting, 2000), 'the new value').toBe(7);
  } finally {
    Atomics.store(cell, 0, 9);
    Atomics.notify(cell, 0);
  }
});
