/**
 * Stream channels: variable-length messages (serialised values, network frames) as a pair
 * of rings — a control ring with one item per message (its length; on the receiving side
 * also the session it came from and when it arrived) and a byte ring with the payloads.
 *
 * Both rings are ordinary channels, so waiting, closing, telemetry and exactly-once commits
 * work on streams unchanged. The payload is always published before the control item that
 * describes it, so a consumer that sees an item always finds its bytes.
 */
import type { Region } from './endpoint.ts';
import type { ChannelDescriptor } from './ring.ts';
import { Rx } from './rx.ts';
import { type SendOutcome, Tx } from './tx.ts';

/** Egress streams carry lengths; ingress streams (from a network) also session ids and arrival times. */
export type StreamKind = 'egress' | 'ingress';

export interface StreamDescriptor {
  readonly name: string;
  readonly kind: StreamKind;
  readonly control: ChannelDescriptor;
  readonly payload: ChannelDescriptor;
}

/** One received message with where and when it came from (ingress streams). */
export interface StreamFrame {
  readonly bytes: Uint8Array;
  readonly sessionId: number;
  readonly arrivalMs: number;
}

export interface StreamRegions {
  /** Control slots: egress one word (length) an item; ingress three (length, sessionId, arrivalMs). */
  readonly control: Region;
  readonly payload: Region;
}

export const INGRESS_FIELDS = ['length', 'sessionId', 'arrivalMs'] as const;

/** A control item: a length (egress), or a length with its session and arrival time (ingress). */
export type ControlItem = number | { length: number; sessionId: number; arrivalMs: number };

export class StreamTx {
  readonly control: Tx<ControlItem>;
  readonly payload: Tx<number>;

  constructor(readonly descriptor: StreamDescriptor) {
    this.control = new Tx(descriptor.control);
    this.payload = new Tx(descriptor.payload);
  }

  get name(): string {
    return this.descriptor.name;
  }

  /** Messages that fit now (each also needs its bytes to fit). */
  vacantItems(): number {
    return this.control.vacantUnits();
  }

  vacantBytes(): number {
    return this.payload.vacantUnits();
  }

  /** Sends one message if there is room for it and for its bytes. */
  trySend(
    bytes: Uint8Array,
    meta: { sessionId: number; arrivalMs: number } = { sessionId: 0, arrivalMs: 0 },
  ): SendOutcome {
    if (this.control.isClosed()) return 'closed';
    if (this.control.vacantUnits() < 1 || this.payload.vacantUnits() < bytes.length) return 'blocked';
    if (this.payload.sendSlice(bytes) !== bytes.length) return 'blocked';
    return this.control.trySend(
      this.descriptor.kind === 'ingress' ? { length: bytes.length, ...meta } : bytes.length,
    );
  }

  /** The writable regions of both rings, to write messages in place. */
  pokeSlice(): StreamRegions {
    return { control: this.control.pokeSlice(), payload: this.payload.pokeSlice() };
  }

  /** Commits `items` control items and `bytes` payload bytes written in place (bytes first). */
  advanceSendIndex(items: number, bytes: number): [number, number] {
    const sentBytes = this.payload.advanceSendIndex(bytes);
    return [this.control.advanceSendIndex(items), sentBytes];
  }

  markClosed(): boolean {
    this.payload.markClosed();
    return this.control.markClosed();
  }

  isClosed(): boolean {
    return this.control.isClosed();
  }
}

export class StreamRx {
  readonly control: Rx<ControlItem>;
  readonly payload: Rx<number>;

  constructor(readonly descriptor: StreamDescriptor) {
    this.control = new Rx(descriptor.control);
    this.payload = new Rx(descriptor.payload);
  }

  get name(): string {
    return this.descriptor.name;
  }

  availItems(): number {
    return this.control.availUnits();
  }

  availBytes(): number {
    return this.payload.availUnits();
  }

  isClosedAndEmpty(): boolean {
    return this.control.isClosedAndEmpty();
  }

  /** The next message (copied out of the ring) with its metadata, or undefined. */
  tryTakeFrame(): StreamFrame | undefined {
    const item = this.control.tryPeek();
    if (item === undefined) return undefined;
    const { length, sessionId, arrivalMs } =
      typeof item === 'number' ? { length: item, sessionId: 0, arrivalMs: 0 } : item;
    const bytes = new Uint8Array(length);
    if (this.payload.takeSlice(bytes) !== length)
      throw new Error(`stream ${this.name}: payload shorter than its control item`);
    this.control.tryTake();
    return { bytes, sessionId, arrivalMs };
  }

  /** The next message's bytes (copied), or undefined. */
  tryTake(): Uint8Array | undefined {
    return this.tryTakeFrame()?.bytes;
  }

  /** The readable regions of both rings, to read messages in place. */
  peekSlice(): StreamRegions {
    return { control: this.control.peekSlice(), payload: this.payload.peekSlice() };
  }

  /** Commits `items` messages and `bytes` bytes read in place. */
  advanceTakeIndex(items: number, bytes: number): [number, number] {
    return [this.control.advanceTakeIndex(items), this.payload.advanceTakeIndex(bytes)];
  }
}
