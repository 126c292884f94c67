/** A subscriber's controlled poll: a message goes into the ring whole, or waits where it is. */
import type { Tx } from '@steady/runtime';
import { BYTES_PER_VALUE, valueAt } from '../../../../src/wire.ts';

/**
 * Delivers the messages at the front of `received` (each: values as 8-byte big-endian integers)
 * into `valuesTx`, removing each one delivered. A message goes in whole or not at all: the first
 * one that does not fit stays at the front, and polling stops there. Returns the messages delivered.
 */
export function pollInto(received: DataView[], valuesTx: Tx<number>): number {
  let delivered = 0;
  while (received.length > 0) {
    const message = received[0] as DataView;
    const count = message.byteLength / BYTES_PER_VALUE;
    if (valuesTx.vacantUnits() <= count) break; // ABORT: it stays, whole, and is polled again later
    for (let i = 0; i < count; i++) valuesTx.trySend(valueAt(message, i));
    received.shift();
    delivered++;
  }
  return delivered;
}
