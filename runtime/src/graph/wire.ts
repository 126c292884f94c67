/**
 * Actor arguments cross thread boundaries as data: channel ends become descriptors
 * (their memory is shared, so nothing is copied) and state handles their id plus a
 * snapshot; everything else goes by structured clone. The receiving thread rebuilds
 * live endpoints and handles from them.
 */

import { restoreState, SteadyState, stateSnapshot } from '../actor/state.ts';
import type { Endpoint } from '../channel/endpoint.ts';
import type { ChannelDescriptor } from '../channel/ring.ts';
import { Rx } from '../channel/rx.ts';
import { type StreamDescriptor, StreamRx, StreamTx } from '../channel/stream.ts';
import { Tx } from '../channel/tx.ts';

type Wired =
  | { readonly $steady: 'stream-tx'; readonly stream: StreamDescriptor }
  | { readonly $steady: 'stream-rx'; readonly stream: StreamDescriptor }
  | { readonly $steady: 'tx'; readonly channel: ChannelDescriptor }
  | { readonly $steady: 'rx'; readonly channel: ChannelDescriptor }
  | { readonly $steady: 'state'; readonly id: number; readonly snapshot?: { value: unknown } }
  | { readonly $steady: 'array'; readonly items: unknown[] }
  | { readonly $steady: 'object'; readonly entries: Record<string, unknown> };

function isPlainObject(value: unknown): value is Record<string, unknown> {
  if (typeof value !== 'object' || value === null) return false;
  const proto = Object.getPrototypeOf(value);
  return proto === Object.prototype || proto === null;
}

export function wireArgs(value: unknown): unknown {
  if (value instanceof StreamTx) return { $steady: 'stream-tx', stream: value.descriptor } satisfies Wired;
  if (value instanceof StreamRx) return { $steady: 'stream-rx', stream: value.descriptor } satisfies Wired;
  if (value instanceof Tx) return { $steady: 'tx', channel: value.descriptor } satisfies Wired;
  if (value instanceof Rx) return { $steady: 'rx', channel: value.descriptor } satisfies Wired;
  if (value instanceof SteadyState) {
    return { $steady: 'state', id: value.id, snapshot: stateSnapshot(value.id) } satisfies Wired;
  }
  if (Array.isArray(value)) return { $steady: 'array', items: value.map(wireArgs) } satisfies Wired;
  if (isPlainObject(value)) {
    const entries: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) entries[k] = wireArgs(v);
    return { $steady: 'object', entries } satisfies Wired;
  }
  if (typeof value === 'function') {
    throw new TypeError(
      'a function cannot be an actor argument: functions cannot cross threads (pass data, channels or state)',
    );
  }
  return value;
}

/**
 * Rebuilds live arguments. Every endpoint created is collected in `endpoints`, so the
 * host can claim them for the actor and publish them at every turn. With `adoptState`
 * the state snapshots are installed in this thread's store (a new thread).
 */
export function unwireArgs(value: unknown, endpoints: Endpoint[], adoptState: boolean): unknown {
  if (typeof value !== 'object' || value === null || !('$steady' in value)) return value;
  const wired = value as Wired;
  switch (wired.$steady) {
    case 'stream-tx': {
      const tx = new StreamTx(wired.stream);
      endpoints.push(tx.payload, tx.control); // payload first: its bytes are published before the items
      return tx;
    }
    case 'stream-rx': {
      const rx = new StreamRx(wired.stream);
      endpoints.push(rx.payload, rx.control);
      return rx;
    }
    case 'tx': {
      const tx = new Tx(wired.channel);
      endpoints.push(tx);
      return tx;
    }
    case 'rx': {
      const rx = new Rx(wired.channel);
      endpoints.push(rx);
      return rx;
    }
    case 'state':
      if (adoptState && wired.snapshot && !stateSnapshot(wired.id))
        restoreState(wired.id, wired.snapshot.value);
      return new SteadyState(wired.id);
    case 'array':
      return wired.items.map((item) => unwireArgs(item, endpoints, adoptState));
    case 'object': {
      const out: Record<string, unknown> = {};
      for (const [k, v] of Object.entries(wired.entries)) out[k] = unwireArgs(v, endpoints, adoptState);
      return out;
    }
  }
}

/** The state ids found in wired arguments (to snapshot them when the actor stops). */
export function stateIds(value: unknown, out: number[] = []): number[] {
  if (typeof value !== 'object' || value === null || !('$steady' in value)) return out;
  const wired = value as Wired;
  if (wired.$steady === 'state') out.push(wired.id);
  else if (wired.$steady === 'array') for (const item of wired.items) stateIds(item, out);
  else if (wired.$steady === 'object') for (const v of Object.values(wired.entries)) stateIds(v, out);
  return out;
}

/** Channel ends found in live arguments: which channels an actor sends to and takes from. */
export function channelEnds(value: unknown, out: { tx: number[]; rx: number[] } = { tx: [], rx: [] }) {
  if (value instanceof StreamTx) out.tx.push(value.descriptor.control.id, value.descriptor.payload.id);
  else if (value instanceof StreamRx) out.rx.push(value.descriptor.control.id, value.descriptor.payload.id);
  else if (value instanceof Tx) out.tx.push(value.descriptor.id);
  else if (value instanceof Rx) out.rx.push(value.descriptor.id);
  else if (Array.isArray(value)) for (const item of value) channelEnds(item, out);
  else if (isPlainObject(value)) for (const v of Object.values(value)) channelEnds(v, out);
  return out;
}
