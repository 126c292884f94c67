/**
 * What both ends of a channel share: attaching to the ring, publishing a local
 * position in small batches, claiming the end for one actor, and sleeping until
 * the other side moves.
 */
import { ChannelOwnershipError } from '../errors.ts';
import { type SlotArray, slotPathOf } from './codec.ts';
import { type ChannelDescriptor, RingView } from './ring.ts';

/** Publish the local position at least every this many messages (and at every await). */
export const PUBLISH_BATCH = 64;
/** Turns of a short spin before sleeping: buys ~1 µs wake-ups without burning an idle core. */
export const DEFAULT_SPIN_TURNS = 2000;

export type Region = [SlotArray, SlotArray];

export abstract class Endpoint {
  readonly ring: RingView;
  /** Most messages in flight at once. */
  readonly capacity: number;
  // The ring's hot fields, copied here so the per-message paths read them in one step.
  protected readonly control: Int32Array;
  protected readonly slots: SlotArray;
  protected readonly mask: number;
  protected readonly width: number;
  /** The codec's fast path (a PATH_ constant of codec.ts). */
  protected readonly path: number;
  /** Position this end owns (tail for a sender, head for a receiver), as a wrapping int32. */
  protected position: number;
  /** Last seen position of the other end; re-read only when it says full or empty. */
  protected cachedOther: number;
  protected unpublished = 0;
  private flushScheduled = false;
  private pendingWait: Promise<unknown> | undefined;
  private pendingWaitFor = 0;
  private readonly sleepers = new Set<() => void>();
  private readonly flushTask = () => {
    this.flushScheduled = false;
    this.publish();
  };

  constructor(
    readonly descriptor: ChannelDescriptor,
    private readonly ownWord: number,
    private readonly otherWord: number,
    private readonly ownerWord: number,
    private readonly waitingFlagWord: number,
    private readonly peerWaitingFlagWord: number,
  ) {
    const ring = new RingView(descriptor);
    this.ring = ring;
    this.capacity = ring.capacity;
    this.control = ring.control;
    this.slots = ring.slots;
    this.mask = ring.mask;
    this.width = ring.width;
    this.path = slotPathOf(descriptor.codec);
    this.position = Atomics.load(ring.control, ownWord);
    this.cachedOther = Atomics.load(ring.control, otherWord);
  }

  get name(): string {
    return this.descriptor.name;
  }

  /** Re-reads this end's position from shared memory (after another endpoint object used it). */
  resync(): void {
    this.position = Atomics.load(this.ring.control, this.ownWord);
    this.cachedOther = Atomics.load(this.ring.control, this.otherWord);
    this.unpublished = 0;
  }

  /**
   * In transactional mode (actors built `withExactlyOnce()`) this end publishes only when
   * its actor commits (`commitPublish`), so a failed stretch of work can be rolled back.
   */
  transactional = false;

  /** Makes every message sent or taken through this endpoint visible to the other side. */
  publish(): void {
    if (!this.transactional) this.publishPosition();
  }

  /**
   * Publishes regardless of the mode: the commit point of a transactional actor (a sender adds
   * what the commit makes visible besides its position). Not on the per-message path, which calls
   * `publishPosition` itself.
   */
  commitPublish(): void {
    this.publishPosition();
  }

  private publishPosition(): void {
    const control = this.control;
    this.unpublished = 0;
    Atomics.store(control, this.ownWord, this.position);
    // Waking costs a syscall: only pay it when the peer said it is asleep.
    if (Atomics.load(control, this.peerWaitingFlagWord) === 1) Atomics.notify(control, this.ownWord);
  }

  /**
   * A flush at the next microtask, unless one is pending. `trySend`/`tryTake` call it for the first
   * message after a publish and publish themselves every PUBLISH_BATCH messages, so every message
   * is published at the latest at the next await.
   */
  protected scheduleFlush(): void {
    if (!this.flushScheduled) {
      this.flushScheduled = true;
      queueMicrotask(this.flushTask);
    }
  }

  protected refreshOther(): number {
    const other = Atomics.load(this.control, this.otherWord);
    this.cachedOther = other;
    return other;
  }

  /** Reserves this end for one actor; a second holder is a wiring bug and gets a clear error. */
  claim(ownerId: number, ownerName: string, describeOwner: (id: number) => string): void {
    const previous = Atomics.compareExchange(this.ring.control, this.ownerWord, 0, ownerId);
    if (previous !== 0 && previous !== ownerId) {
      throw new ChannelOwnershipError(
        `channel ${this.name}: the ${this.endName} end is already held by ${describeOwner(previous)}; ` +
          `${ownerName} cannot hold it too (channels are single-producer single-consumer)`,
      );
    }
    this.resync();
  }

  /** This end's local position (what a commit records). */
  localPosition(): number {
    return this.position;
  }

  /** Sets this end's published position (recovery from a commit record of a dead thread). */
  restorePosition(position: number): void {
    Atomics.store(this.ring.control, this.ownWord, position);
    this.resync();
    Atomics.notify(this.ring.control, this.ownWord);
  }

  /** Whether this is the sending end (false: the receiving end). */
  abstract get isSender(): boolean;

  release(ownerId: number): void {
    this.publish();
    Atomics.compareExchange(this.ring.control, this.ownerWord, ownerId, 0);
  }

  protected abstract get endName(): string;

  /**
   * Resolves once the other side's position differs from `seen` (or at once if it already does),
   * or when `wake()` is called. Spins briefly first, then sleeps with Atomics.waitAsync so a
   * thread hosting other actors is never blocked. `onSleep` receives a function that ends the
   * sleep early (a wait that was called off).
   */
  async waitForPeer(seen: number, spinTurns: number, onSleep?: (wake: () => void) => void): Promise<void> {
    const control = this.control;
    const word = this.otherWord;
    for (let i = 0; i < spinTurns; i++) {
      if (Atomics.load(control, word) !== seen) return;
    }
    // The peer notifies only while the flag is up, so it stays up while any wait sleeps here.
    Atomics.store(control, this.waitingFlagWord, 1);
    let wake: (() => void) | undefined;
    try {
      if (Atomics.load(control, word) !== seen) return;
      if (!this.sleepUntilChanged(seen)) return;
      // Closing notifies the same word but does not move it: a close that landed between the
      // caller's check and the watch above woke nobody, so look again now that the watch is set.
      if (!this.isSender && this.ring.isClosed()) return;
      await new Promise<void>((resolve) => {
        wake = resolve;
        this.sleepers.add(resolve);
        onSleep?.(resolve);
      });
    } finally {
      if (wake) this.sleepers.delete(wake);
      if (this.sleepers.size === 0) Atomics.store(control, this.waitingFlagWord, 0);
    }
  }

  /** Wakes whoever sleeps in `waitForPeer` on this endpoint (used when shutdown begins). */
  wake(): void {
    Atomics.notify(this.control, this.otherWord);
  }

  /**
   * Makes sure one Atomics.waitAsync watches the peer's word for a change from `seen`; when it
   * fires it wakes every sleeper. One shared watch (not one per wait) and a set of sleepers a
   * called-off wait can leave: racing waits neither pile up waiters nor reactions.
   * False when the word already changed.
   */
  private sleepUntilChanged(seen: number): boolean {
    if (this.pendingWait && this.pendingWaitFor === seen) return true;
    const result = Atomics.waitAsync(this.ring.control, this.otherWord, seen);
    if (!result.async) return false;
    const pending = result.value;
    this.pendingWait = pending;
    this.pendingWaitFor = seen;
    pending.then(() => {
      if (this.pendingWait === pending) this.pendingWait = undefined;
      for (const wake of [...this.sleepers]) wake();
    });
    return true;
  }

  /** The other side's position as last read (what a wait compares against). */
  seenPeerPosition(): number {
    return this.cachedOther;
  }
}
