/** The sending end of a channel. */
import { type Codec, PATH_F64, PATH_I32, type SlotArray } from './codec.ts';
import { Endpoint, PUBLISH_BATCH, type Region } from './endpoint.ts';
import {
  type ChannelDescriptor,
  CLOSED,
  CONSUMER_WAITING,
  HEAD,
  PRODUCER_WAITING,
  TAIL,
  TX_OWNER,
} from './ring.ts';

export type SendOutcome = 'sent' | 'blocked' | 'closed';

export class Tx<T = number> extends Endpoint {
  private readonly codec: Codec<T>;
  /** An exactly-once actor marked the channel closed since its last commit (see `markClosed`). */
  private closeAtCommit = false;

  constructor(descriptor: ChannelDescriptor) {
    super(descriptor, TAIL, HEAD, TX_OWNER, PRODUCER_WAITING, CONSUMER_WAITING);
    this.codec = this.ring.codec as Codec<T>;
  }

  protected get endName(): string {
    return 'sending';
  }

  get isSender(): boolean {
    return true;
  }

  /** Room for this many more messages. */
  vacantUnits(): number {
    return this.capacity - ((this.position - this.refreshOther()) | 0);
  }

  isFull(): boolean {
    return this.vacantUnits() === 0;
  }

  isEmpty(): boolean {
    return this.vacantUnits() === this.capacity;
  }

  /** Whether the channel is closed (for an exactly-once actor, also when closed since its last commit). */
  isClosed(): boolean {
    return this.closeAtCommit || this.ring.isClosed();
  }

  /** Sends at once if there is room: 'sent', 'blocked' (full) or 'closed' (already marked closed). */
  trySend(value: T): SendOutcome {
    const position = this.position;
    if (((position - this.cachedOther) | 0) >= this.capacity) {
      if (((position - this.refreshOther()) | 0) >= this.capacity) {
        return Atomics.load(this.control, CLOSED) === 1 ? 'closed' : 'blocked';
      }
    }
    // Once per batch (the first message after a publish): the closed flag, and a flush at the
    // next microtask so the batch is published at the latest at the next await.
    const unpublished = this.unpublished;
    if (unpublished === 0) {
      if (Atomics.load(this.control, CLOSED) === 1) return 'closed';
      this.scheduleFlush();
    }
    const index = position & this.mask;
    // Int32 and Float64 slots (the default `numbers` codec) are inlined: one typed-array store, no
    // call per message, and each store site sees one array type whatever other channels the thread
    // uses. Other codecs, and any value these checks refuse, go to the codec: it encodes the value
    // or throws its usual error (the checks accept exactly what the i32 and f64 codecs accept).
    const v = value as unknown;
    const path = this.path;
    if (path === PATH_I32 && typeof v === 'number' && (v | 0) === v) (this.slots as Int32Array)[index] = v;
    else if (path === PATH_F64 && typeof v === 'number') (this.slots as Float64Array)[index] = v;
    else this.codec.encode(value, this.slots, index * this.width);
    this.position = (position + 1) | 0;
    if (unpublished >= PUBLISH_BATCH - 1) this.publish();
    else this.unpublished = unpublished + 1;
    return 'sent';
  }

  /**
   * The writable region as two views into the ring (before and after the wrap), for
   * writing in place. Nothing is sent until `advanceSendIndex`.
   */
  pokeSlice(): Region {
    return this.ring.region(this.position, this.vacantUnits());
  }

  /** Commits `count` messages written through `pokeSlice`; clamped to the room there is. */
  advanceSendIndex(count: number): number {
    const n = Math.max(0, Math.min(Math.floor(count), this.vacantUnits()));
    if (n > 0) {
      this.position = (this.position + n) | 0;
      this.publish();
    }
    return n;
  }

  /** Copies as many messages from `source` (raw slot words) as fit; returns how many were sent. */
  sendSlice(source: ArrayLike<number>): number {
    const width = this.ring.width;
    const count = Math.min(Math.floor(source.length / width), this.vacantUnits());
    const [first, second] = this.pokeSlice();
    const firstWords = Math.min(first.length, count * width);
    copyWords(source, 0, first, firstWords);
    copyWords(source, firstWords, second, count * width - firstWords);
    return this.advanceSendIndex(count);
  }

  /**
   * Marks the channel closed: the receiver will see it once it has taken everything.
   * Idempotent, and returns true so that it can end a veto chain. An exactly-once actor's close is
   * part of its transaction: it is made visible with the sends before it, at the next commit, and
   * rolled back with them. Shown earlier, a receiver could find the channel closed and empty while
   * those sends were still uncommitted, and stop without them.
   */
  markClosed(): boolean {
    if (this.transactional) this.closeAtCommit = true;
    else this.close();
    return true;
  }

  private close(): void {
    const control = this.ring.control;
    this.publish();
    if (Atomics.exchange(control, CLOSED, 1) === 0) Atomics.notify(control, TAIL);
  }

  override commitPublish(): void {
    super.commitPublish();
    if (this.closeAtCommit) {
      this.closeAtCommit = false;
      this.close();
    }
  }

  /** Also forgets a close that was not committed (a rollback resyncs). */
  override resync(): void {
    super.resync();
    this.closeAtCommit = false;
  }
}

function copyWords(source: ArrayLike<number>, from: number, target: SlotArray, count: number): void {
  if (count <= 0) return;
  if (ArrayBuffer.isView(source)) {
    target.set((source as unknown as SlotArray).subarray(from, from + count));
  } else {
    for (let i = 0; i < count; i++) target[i] = source[from + i] as number;
  }
}
