/**
 * Status-message flow control for one sender ("max" flow control, unicast): where the sender
 * has got to, what the receiver consumed and advertised, and the two limits that follow from
 * them: how far the sender may send (SM position + receiver window) and how far offers may
 * write (half a term past what was sent, as Aeron's publication window). Positions are BigInt;
 * the limits are kept as small Numbers relative to the current terms for the hot path.
 */
import { computePosition, termIdDelta } from './position.ts';
import type { PublisherLog } from './publisher-log.ts';

export class SenderWindow {
  /** Sender position as (term id, offset). */
  senderTermId: number;
  senderOffset: number;
  /** The receiver's consumption position and window, from the latest valid status message. */
  smPosition: bigint;
  receiverWindow = 0;
  receiverId: bigint | undefined;
  /** How far the sender may send, from the start of the sender's term. */
  senderLimitOffset = 0;
  /** How far offers may write, from the start of the active (tail) term. */
  tailLimitOffset = 0;

  constructor(private readonly log: PublisherLog) {
    this.senderTermId = log.activeTermId;
    this.senderOffset = log.tailOffset;
    this.smPosition = log.tailPosition;
  }

  get senderPosition(): bigint {
    return computePosition(this.senderTermId, this.senderOffset, this.log.shift, this.log.id.initialTermId);
  }

  /** Moves the sender position on by `advance` bytes, into the next term at a term's end. */
  advanceSender(advance: number): void {
    this.senderOffset += advance;
    const termLength = this.log.id.termLength;
    if (this.senderOffset === termLength) {
      this.senderTermId = (this.senderTermId + 1) | 0;
      this.senderOffset = 0;
      this.senderLimitOffset -= termLength;
    }
  }

  /** How much of `termId` has been sent (a whole term once the sender is past it, 0 ahead of it). */
  sentEnd(termId: number): number {
    const behind = termIdDelta(this.senderTermId, termId);
    return behind === 0 ? this.senderOffset : behind > 0 ? this.log.id.termLength : 0;
  }

  /**
   * Takes a status message's consumption position, window and receiver id. Returns false (and
   * changes nothing) when they make no sense: ahead of the tail, more than two terms behind, a
   * negative window, an offset outside the term, or a term not yet written.
   */
  onStatus(termId: number, termOffset: number, window: number, receiverId: bigint): boolean {
    const log = this.log;
    const termLength = log.id.termLength;
    const position = computePosition(termId, termOffset, log.shift, log.id.initialTermId);
    const tail = log.tailPosition;
    if (
      position > tail ||
      position < tail - BigInt(2 * termLength) ||
      window < 0 ||
      termOffset < 0 ||
      termOffset >= termLength ||
      termIdDelta(termId, log.activeTermId) > 0
    )
      return false;
    // A new receiver (a restarted subscriber) may start behind the old one's position.
    if (receiverId !== this.receiverId || position > this.smPosition) this.smPosition = position;
    this.receiverId = receiverId;
    this.receiverWindow = Math.min(window, termLength / 2);
    this.updateLimits();
    return true;
  }

  /** Recomputes both limits after a status message; true when offers may now write further. */
  updateLimits(): boolean {
    const log = this.log;
    const senderBase = computePosition(this.senderTermId, 0, log.shift, log.id.initialTermId);
    const senderLimit = this.smPosition + BigInt(this.receiverWindow);
    this.senderLimitOffset = clampOffset(senderLimit - senderBase);
    return this.updateTailLimit();
  }

  /**
   * Recomputes how far offers may write after the sender moved (sending does not move the
   * send limit: it is kept from the start of the sender's term). Runs after every send, so in
   * Numbers only: the sender's term is the active term or one of the two before it.
   */
  updateTailLimit(): boolean {
    const termLength = this.log.id.termLength;
    const before = this.tailLimitOffset;
    this.tailLimitOffset =
      termIdDelta(this.senderTermId, this.log.activeTermId) * termLength + this.senderOffset + termLength / 2;
    return this.tailLimitOffset > before;
  }
}

function clampOffset(delta: bigint): number {
  if (delta > 0x7fffffffn) return 0x7fffffff;
  if (delta < -0x7fffffffn) return -0x7fffffff;
  return Number(delta);
}
