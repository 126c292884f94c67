/**
 * The shared memory of one single-producer single-consumer channel.
 *
 * Two SharedArrayBuffers: `control` (positions and flags, read and written with
 * Atomics) and `data` (the slots). Positions are free-running int32 counters that
 * wrap; `(tail - head) | 0` is the number of messages in flight, and `pos & mask`
 * the slot index. Each hot word sits on its own 64-byte cache line so the producer
 * and the consumer do not slow each other down by writing neighbouring words.
 */
import { type Codec, type CodecSpec, codecFromSpec, type SlotArray } from './codec.ts';

const LINE = 16; // int32 words per 64-byte cache line
export const TAIL = 0 * LINE; // producer's published position == messages sent, mod 2^32
export const HEAD = 1 * LINE; // consumer's published position == messages taken, mod 2^32
export const CONSUMER_WAITING = 2 * LINE; // 1 while the consumer sleeps on TAIL
export const PRODUCER_WAITING = 3 * LINE; // 1 while the producer sleeps on HEAD
export const CLOSED = 4 * LINE; // 1 once the producer has marked the channel closed
export const TX_OWNER = 5 * LINE; // id of the actor holding the sending end (0: free)
export const RX_OWNER = 5 * LINE + 1; // id of the actor holding the receiving end
export const PEEK_POSITION = 6 * LINE; // head position the peek count below refers to
export const PEEK_COUNT = 6 * LINE + 1; // times that head message was peeked without a take
export const PEEK_VALID = 6 * LINE + 2; // 1 once PEEK_POSITION holds a real position
export const DROPPED = 6 * LINE + 3; // showstoppers dropped from this channel
const CONTROL_WORDS = 7 * LINE;

/** Largest ring: positions are int32 and their difference must stay unambiguous. */
export const MAX_CAPACITY = 2 ** 29;

/** Everything needed to attach to a channel from any thread (structured-cloneable). */
export interface ChannelDescriptor {
  readonly id: number;
  readonly name: string;
  readonly capacity: number;
  readonly storageSize: number;
  readonly codec: CodecSpec;
  readonly control: SharedArrayBuffer;
  readonly data: SharedArrayBuffer;
  /** Where the consumer puts showstoppers it drops (a channel of the same codec), if any. */
  readonly deadLetters?: ChannelDescriptor;
}

export function nextPowerOfTwo(n: number): number {
  let p = 1;
  while (p < n) p *= 2;
  return p;
}

export function allocateChannel(
  id: number,
  name: string,
  capacity: number,
  codec: Codec<unknown>,
  deadLetters?: ChannelDescriptor,
): ChannelDescriptor {
  if (!Number.isInteger(capacity) || capacity <= 0) {
    throw new RangeError(`channel ${name}: capacity must be a positive integer, got ${String(capacity)}`);
  }
  if (capacity > MAX_CAPACITY) {
    throw new RangeError(`channel ${name}: capacity ${capacity} is above the maximum ${MAX_CAPACITY}`);
  }
  // Storage is rounded up to a power of two so that a slot index is one `&`;
  // the logical capacity still bounds how many messages may be in flight.
  const storageSize = nextPowerOfTwo(capacity);
  return {
    id,
    name,
    capacity,
    storageSize,
    codec: codec.spec,
    control: new SharedArrayBuffer(CONTROL_WORDS * 4),
    data: new SharedArrayBuffer(storageSize * codec.width * codec.slotArray.BYTES_PER_ELEMENT),
    ...(deadLetters ? { deadLetters } : {}),
  };
}

/**
 * Marks a channel closed from outside its producer (when the producer has stopped for good,
 * it can never send again): consumers then drain it and stop.
 */
export function closeChannel(descriptor: ChannelDescriptor): void {
  const control = new Int32Array(descriptor.control);
  if (Atomics.exchange(control, CLOSED, 1) === 0) Atomics.notify(control, TAIL);
}

/** The totals telemetry reads from a channel's control block (mod 2^32), without an endpoint. */
export function ringCounts(descriptor: ChannelDescriptor): {
  sentCount(): number;
  takenCount(): number;
  droppedCount(): number;
} {
  const control = new Int32Array(descriptor.control);
  return {
    sentCount: () => Atomics.load(control, TAIL) >>> 0,
    takenCount: () => Atomics.load(control, HEAD) >>> 0,
    droppedCount: () => Atomics.load(control, DROPPED) >>> 0,
  };
}

/** The views both endpoints build over a descriptor. */
export class RingView {
  readonly control: Int32Array;
  readonly slots: SlotArray;
  readonly codec: Codec<unknown>;
  readonly mask: number;
  readonly width: number;
  readonly capacity: number;
  readonly storageSize: number;

  constructor(readonly descriptor: ChannelDescriptor) {
    this.codec = codecFromSpec(descriptor.codec);
    this.control = new Int32Array(descriptor.control);
    this.slots = new this.codec.slotArray(descriptor.data);
    this.mask = descriptor.storageSize - 1;
    this.width = this.codec.width;
    this.capacity = descriptor.capacity;
    this.storageSize = descriptor.storageSize;
  }

  get name(): string {
    return this.descriptor.name;
  }

  /** Messages sent so far (mod 2^32), straight from the ring: telemetry costs the actors nothing. */
  sentCount(): number {
    return Atomics.load(this.control, TAIL) >>> 0;
  }

  takenCount(): number {
    return Atomics.load(this.control, HEAD) >>> 0;
  }

  inFlight(): number {
    return (Atomics.load(this.control, TAIL) - Atomics.load(this.control, HEAD)) | 0;
  }

  isClosed(): boolean {
    return Atomics.load(this.control, CLOSED) === 1;
  }

  /** Two views over `count` slots starting at position `from`: before and after the wrap. */
  region(from: number, count: number): [SlotArray, SlotArray] {
    const start = from & this.mask;
    const firstLength = Math.min(count, this.storageSize - start);
    const w = this.width;
    return [
      this.slots.subarray(start * w, (start + firstLength) * w),
      this.slots.subarray(0, (count - firstLength) * w),
    ];
  }
}
