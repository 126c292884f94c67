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
  for (let at = 0; at < received.length; ) {
    const message = received[at] as DataView;
    const count = message.byteLength / BYTES_PER_VALUE;
    if (valuesTx.vacantUnits() < count) {
      at++; // try the next one, this one waits
      continue;
    }
    for (let i = 0; i < count; i++) valuesTx.trySend(valueAt(message, i));
    received.splice(at, 1);
    delivered++;
  }
  return delivered;
}
