/** Helpers for tests: put messages into a channel and take them out, from the test's own thread. */
import { isDeepStrictEqual } from 'node:util';
import type { Rx } from '../channel/rx.ts';
import type { Tx } from '../channel/tx.ts';

/** Sends every value (the channel must have room for them all), then optionally closes it. */
export function sendAll<T>(tx: Tx<T>, values: Iterable<T>, options: { close?: boolean } = {}): void {
  tx.resync();
  let sent = 0;
  for (const value of values) {
    const outcome = tx.trySend(value);
    if (outcome !== 'sent') {
      tx.publish();
      throw new Error(`sendAll(${tx.name}): ${outcome} after ${sent} messages (capacity ${tx.capacity})`);
    }
    sent++;
  }
  tx.publish();
  if (options.close) tx.markClosed();
}

/** Takes every message available now. */
export function takeAll<T>(rx: Rx<T>): T[] {
  rx.resync();
  const values = rx.takeAll();
  rx.publish();
  return values;
}

/** Takes the next `expected.length` messages and checks they equal `expected`, in order. */
export function assertTakeEquals<T>(rx: Rx<T>, expected: readonly T[]): void {
  rx.resync();
  const actual: T[] = [];
  for (let i = 0; i < expected.length; i++) {
    const value = rx.tryTake();
    if (value === undefined) break;
    actual.push(value);
  }
  rx.publish();
  if (!isDeepStrictEqual(actual, expected)) {
    throw new Error(
      `channel ${rx.name}: expected the next messages to be ${JSON.stringify(expected)}, got ${JSON.stringify(actual)}`,
    );
  }
}
