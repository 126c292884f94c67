/** The receiving end of a channel. */
import { type Codec, PATH_F64, PATH_I32, type SlotArray } from './codec.ts';
import { Endpoint, PUBLISH_BATCH, type Region } from './endpoint.ts';
import {
  type ChannelDescriptor,
  CLOSED,
  CONSUMER_WAITING,
  DROPPED,
  HEAD,
  PEEK_COUNT,
  PEEK_POSITION,
  PEEK_VALID,
  PRODUCER_WAITING,
  RX_OWNER,
  TAIL,
} from './ring.ts';

export class Rx<T = number> extends Endpoint {
  private readonly codec: Codec<T>;

  constructor(descriptor: ChannelDescriptor) {
    super(descriptor, HEAD, TAIL, RX_OWNER, CONSUMER_WAITING, PRODUCER_WAITING);
    this.codec = this.ring.codec as Codec<T>;
  }

  protected get endName(): string {
    return 'receiving';
  }

  get isSender(): boolean {
    return false;
  }

  /** Messages dropped from this channel as showstoppers (shared, survives restarts). */
  droppedCount(): number {
    return Atomics.load(this.ring.control, DROPPED);
  }

  /** Counts one dropped showstopper (called by the actor context when it drops one). */
  countDropped(): void {
    Atomics.add(this.ring.control, DROPPED, 1);
  }

  /** Messages ready to take. */
  availUnits(): number {
    return (this.refreshOther() - this.position) | 0;
  }

  isEmpty(): boolean {
    return this.availUnits() === 0;
  }

  isFull(): boolean {
    return this.availUnits() >= this.capacity;
  }

  /** True once the producer marked the channel closed (messages may still be waiting). */
  isClosed(): boolean {
    return this.ring.isClosed();
  }

  /**
   * True once the producer has closed the channel and every message has been taken.
   * The flag is read before the position: the producer publishes before it closes, so a
   * closed flag seen here guarantees the tail read after it is final.
   */
  isClosedAndEmpty(): boolean {
    return Atomics.load(this.ring.control, CLOSED) === 1 && this.availUnits() === 0;
  }

  /** Takes the next message, or undefined when there is none. */
  tryTake(): T | undefined {
    const position = this.position;
    if (this.cachedOther === position && this.refreshOther() === position) return undefined;
    const index = position & this.mask;
    const path = this.path;
    // Int32 and Float64 slots are read inline (one monomorphic load site each); others decode.
    const value =
      path === PATH_I32
        ? ((this.slots as Int32Array)[index] as T)
        : path === PATH_F64
          ? ((this.slots as Float64Array)[index] as T)
          : this.codec.decode(this.slots, index * this.width);
    this.position = (position + 1) | 0;
    // Publish every PUBLISH_BATCH; the first message after a publish schedules a flush at the next microtask.
    const unpublished = this.unpublished;
    if (unpublished === 0) this.scheduleFlush();
    if (unpublished >= PUBLISH_BATCH - 1) this.publish();
    else this.unpublished = unpublished + 1;
    return value;
  }

  /**
   * Looks at the next message without taking it. Each peek of the same message is
   * counted in shared memory (so the count survives a restart) for `isShowstopper`.
   */
  tryPeek(): T | undefined {
    const ring = this.ring;
    if (this.cachedOther === this.position && this.refreshOther() === this.position) return undefined;
    this.countPeek();
    return this.codec.decode(ring.slots, (this.position & ring.mask) * ring.width);
  }

  /** The message at the head without counting a peek (for the runtime's own use). */
  headMessage(): T | undefined {
    const ring = this.ring;
    if (this.availUnits() === 0) return undefined;
    return this.codec.decode(ring.slots, (this.position & ring.mask) * ring.width);
  }

  /** True when the message at the head has been peeked at least `times` times without being taken. */
  isShowstopper(times: number): boolean {
    if (!Number.isInteger(times) || times < 2)
      throw new RangeError(`isShowstopper needs a count of 2 or more, got ${times}`);
    const control = this.ring.control;
    return (
      this.availUnits() > 0 &&
      Atomics.load(control, PEEK_VALID) === 1 &&
      Atomics.load(control, PEEK_POSITION) === this.position &&
      Atomics.load(control, PEEK_COUNT) >= times
    );
  }

  private countPeek(): void {
    const control = this.ring.control;
    const ahead =
      Atomics.load(control, PEEK_VALID) === 1
        ? (this.position - Atomics.load(control, PEEK_POSITION)) | 0
        : 1;
    if (ahead === 0) {
      Atomics.add(control, PEEK_COUNT, 1);
    } else if (ahead < 0) {
      // A replay behind the counted message (an exactly-once actor rolled back): keep its count.
    } else {
      Atomics.store(control, PEEK_POSITION, this.position);
      Atomics.store(control, PEEK_COUNT, 1);
      Atomics.store(control, PEEK_VALID, 1);
    }
  }

  /** The readable region as two views into the ring (before and after the wrap); nothing is taken. */
  peekSlice(): Region {
    return this.ring.region(this.position, this.availUnits());
  }

  /** Commits `count` messages read through `peekSlice`; clamped to what is there. */
  advanceTakeIndex(count: number): number {
    const n = Math.max(0, Math.min(Math.floor(count), this.availUnits()));
    if (n > 0) {
      this.position = (this.position + n) | 0;
      this.publish();
    }
    return n;
  }

  /** Copies as many messages as fit into `target` (raw slot words) and takes them; returns the count. */
  takeSlice(target: SlotArray): number {
    const width = this.ring.width;
    const count = Math.min(Math.floor(target.length / width), this.availUnits());
    const [first, second] = this.peekSlice();
    const firstWords = Math.min(first.length, count * width);
    target.set(first.subarray(0, firstWords), 0);
    if (count * width > firstWords) target.set(second.subarray(0, count * width - firstWords), firstWords);
    return this.advanceTakeIndex(count);
  }

  /** Takes everything available now, decoded (for tests and small batches). */
  takeAll(): T[] {
    const out: T[] = [];
    for (let v = this.tryTake(); v !== undefined; v = this.tryTake()) out.push(v);
    return out;
  }
}
