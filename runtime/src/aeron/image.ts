/**
 * An Image: the receiver's copy of one publisher's stream (one session of one stream).
 * Frames land in three term partitions at their term offsets, in whatever order they
 * arrive; the rebuild position follows the contiguous data, the high-water mark the
 * furthest data seen, and the gaps between them are what NAKs ask for. Delivery walks
 * from the subscriber position to the rebuild position, reassembling fragments.
 */
import {
  DataFlags,
  FrameType,
  frameLengthAt,
  frameSpan,
  HEADER_LENGTH,
  isFrameAligned,
  storedFrameSpan,
  typeAt,
  writeDataHeader,
} from './data-header.ts';
import { ABORTED, FragmentAssembler, PARTIAL } from './fragment-assembler.ts';
import type { Peer } from './outbox.ts';
import {
  computePosition,
  FRAME_ALIGNMENT,
  PARTITION_COUNT,
  partitionIndex,
  positionBitsToShift,
  receiverWindowFor,
  termIdDelta,
} from './position.ts';
import { TermPartitions } from './term-partitions.ts';

export { ABORT } from './fragment-assembler.ts';

/**
 * Called with each whole message; `message` is only valid during the call (copy it to keep it).
 * Returning ABORT refuses the message for now; any other result (usually none) accepts it.
 */
export type MessageHandler = (message: Buffer, image: Image) => unknown;

export interface Gap {
  termId: number;
  termOffset: number;
  length: number;
}

export type ImageEnd = 'end-of-stream' | 'timeout' | 'closed';

/** What one poll of an image did; valid until the image's next poll. */
export interface PollResult {
  fragments: number;
  messages: number;
  bytes: number;
  aborted: boolean;
}

export class Image {
  readonly shift: number;
  readonly receiverWindow: number;
  readonly joinPosition: bigint;
  /** Source of the publisher's latest packets: where status messages and NAKs go. */
  source: Peer;
  lastActivityAt: number;
  /** Why the image ended, once it has. */
  end: ImageEnd | undefined;
  /** End-of-stream position announced by the publisher. */
  eosPosition: bigint | undefined;

  private readonly partitions: TermPartitions;
  private subIndex: number;
  private subTermId: number;
  private subOffset: number;
  private rebTermId: number;
  private rebOffset: number;
  private hwmTermId: number;
  private hwmOffset: number;
  private readonly assembler = new FragmentAssembler();
  private readonly pollResult: PollResult = { fragments: 0, messages: 0, bytes: 0, aborted: false };
  private messageEndTermId = 0;
  private messageEndOffset = 0;
  /** Bytes consumed since the last status message. */
  consumedSinceStatus = 0;
  lastStatusAt = Number.NEGATIVE_INFINITY;
  eosStatusSent = false;

  constructor(
    readonly sessionId: number,
    readonly streamId: number,
    readonly initialTermId: number,
    readonly termLength: number,
    readonly mtu: number,
    activeTermId: number,
    termOffset: number,
    source: Peer,
    nowMs: number,
    initialWindow?: number, // `rcv-wnd` (default 128 KiB): capped at half the term, at least an MTU
  ) {
    this.shift = positionBitsToShift(termLength);
    this.partitions = new TermPartitions(termLength);
    this.receiverWindow = Math.max(receiverWindowFor(termLength, initialWindow), mtu);
    this.subIndex = partitionIndex(activeTermId, initialTermId);
    this.subTermId = this.rebTermId = this.hwmTermId = activeTermId;
    this.subOffset = this.rebOffset = this.hwmOffset = termOffset;
    this.joinPosition = computePosition(activeTermId, termOffset, this.shift, initialTermId);
    this.source = source;
    this.lastActivityAt = nowMs;
  }

  get sourceAddress(): string {
    return this.source.address;
  }

  get sourcePort(): number {
    return this.source.port;
  }

  /** The position after the last message delivered (during a handler call: after that message). */
  get position(): bigint {
    return computePosition(this.messageEndTermId, this.messageEndOffset, this.shift, this.initialTermId);
  }

  /** The subscriber (consumption) position. */
  get consumedPosition(): bigint {
    return computePosition(this.subTermId, this.subOffset, this.shift, this.initialTermId);
  }

  /** The end of the contiguous data received so far. */
  get rebuildPosition(): bigint {
    return computePosition(this.rebTermId, this.rebOffset, this.shift, this.initialTermId);
  }

  get highWaterMark(): bigint {
    return computePosition(this.hwmTermId, this.hwmOffset, this.shift, this.initialTermId);
  }

  get consumptionTermId(): number {
    return this.subTermId;
  }

  get consumptionTermOffset(): number {
    return this.subOffset;
  }

  get isEndOfStream(): boolean {
    return this.end === 'end-of-stream';
  }

  /** True when there is received data not yet delivered. */
  get hasData(): boolean {
    return this.subOffset !== this.rebOffset || this.subTermId !== this.rebTermId;
  }

  /** True when data beyond the contiguous part has arrived: there is a gap. */
  get hasGap(): boolean {
    return this.rel(this.rebTermId, this.rebOffset) < this.rel(this.hwmTermId, this.hwmOffset);
  }

  /** A position as bytes from the start of the subscriber's term (small: the window is within two terms). */
  private rel(termId: number, offset: number): number {
    return termIdDelta(termId, this.subTermId) * this.termLength + offset;
  }

  /** The partition index of `termId`, or −1 when it is outside the window (the subscriber's term and the next). */
  private partitionOf(termId: number): number {
    const d = termIdDelta(termId, this.subTermId);
    return d < 0 || d > 1 ? -1 : (this.subIndex + d) % PARTITION_COUNT;
  }

  /**
   * Places one DATA or PAD frame (already walked and length-checked) from `datagram` at
   * its term offset. Returns false when the frame makes no sense for this image.
   */
  insert(
    datagram: Buffer,
    at: number,
    type: number,
    frameLength: number,
    termId: number,
    termOffset: number,
  ): boolean {
    const d = termIdDelta(termId, this.subTermId);
    const span = frameSpan(type, frameLength);
    if (termOffset < 0 || !isFrameAligned(termOffset) || termOffset + span > this.termLength) return false;
    if (d < 0 || d > 1) return d < 0; // old duplicates are fine; beyond the window is not
    const start = d * this.termLength + termOffset;
    const rebuild = this.rel(this.rebTermId, this.rebOffset);
    if (start < rebuild) return true; // already have it
    const copied = type === FrameType.PAD ? HEADER_LENGTH : frameLength;
    const term = this.partitions.writable(this.partitionOf(termId), termOffset, termOffset + copied);
    datagram.copy(term, termOffset, at, at + copied);
    const end = start + span;
    if (end > this.rel(this.hwmTermId, this.hwmOffset)) this.setHwm(end);
    if (start === rebuild) this.advanceRebuild();
    return true;
  }

  /** A heartbeat says the publisher has sent up to its offset: anything missing below it is a gap. */
  heartbeat(termId: number, termOffset: number, eos: boolean): boolean {
    if (termOffset < 0 || !isFrameAligned(termOffset) || termOffset >= this.termLength) return false;
    const d = termIdDelta(termId, this.subTermId);
    if (d < 0 || d > 1) return d < 0;
    const at = d * this.termLength + termOffset;
    if (at > this.rel(this.hwmTermId, this.hwmOffset)) this.setHwm(at);
    if (eos) this.eosPosition = computePosition(termId, termOffset, this.shift, this.initialTermId);
    return true;
  }

  private setHwm(rel: number): void {
    if (rel >= this.termLength) {
      this.hwmTermId = (this.subTermId + Math.floor(rel / this.termLength)) | 0;
      this.hwmOffset = rel % this.termLength;
    } else {
      this.hwmTermId = this.subTermId;
      this.hwmOffset = rel;
    }
  }

  private advanceRebuild(): void {
    while (true) {
      const term = this.partitions.at(this.partitionOf(this.rebTermId));
      if (term === undefined) return;
      const span = storedFrameSpan(term, this.rebOffset, this.termLength);
      if (span <= 0) return;
      this.rebOffset += span;
      if (this.rebOffset >= this.termLength) {
        this.rebTermId = (this.rebTermId + 1) | 0;
        this.rebOffset = 0;
      }
    }
  }

  /** The gaps between the rebuild position and the high-water mark, at most `max` of them. */
  gaps(max: number): Gap[] {
    const found: Gap[] = [];
    let termId = this.rebTermId;
    let offset = this.rebOffset;
    const hwm = this.rel(this.hwmTermId, this.hwmOffset);
    while (found.length < max && this.rel(termId, offset) < hwm) {
      const term = this.partitions.at(this.partitionOf(termId));
      const termEnd = termId === this.hwmTermId ? this.hwmOffset : this.termLength;
      // Skip the frames that are here…
      while (term !== undefined && offset < termEnd) {
        const span = storedFrameSpan(term, offset, this.termLength);
        if (span <= 0) break;
        offset += span;
      }
      if (offset >= this.termLength) {
        termId = (termId + 1) | 0;
        offset = 0;
        continue;
      }
      if (offset >= termEnd) break;
      // …then measure the gap up to the next frame that arrived.
      let q = offset + FRAME_ALIGNMENT;
      while (q < termEnd && (term === undefined || frameLengthAt(term, q) === 0)) q += FRAME_ALIGNMENT;
      found.push({ termId, termOffset: offset, length: q - offset });
      offset = q;
    }
    return found;
  }

  /** For unreliable streams: writes padding over a gap so delivery moves past the lost data. */
  fillGap(gap: Gap): void {
    const index = this.partitionOf(gap.termId);
    if (index < 0) return;
    // Marked for cleaning even when a frame is already there: those bytes were written anyway.
    const term = this.partitions.writable(index, gap.termOffset, gap.termOffset + HEADER_LENGTH);
    if (frameLengthAt(term, gap.termOffset) !== 0) return;
    writeDataHeader(
      term,
      gap.termOffset,
      FrameType.PAD,
      gap.length,
      DataFlags.UNFRAGMENTED,
      gap.termOffset,
      this.sessionId,
      this.streamId,
      gap.termId,
    );
    if (gap.termId === this.rebTermId && gap.termOffset === this.rebOffset) this.advanceRebuild();
  }

  /**
   * Delivers whole messages in order, up to `fragmentLimit` frames, and returns how many
   * frames were consumed (and whether the handler refused a message, which ends the poll).
   * Fragments are reassembled; a message whose beginning was before this image joined is skipped.
   */
  poll(handler: MessageHandler, fragmentLimit: number): PollResult {
    let fragments = 0;
    let messages = 0;
    let bytes = 0;
    let aborted = false;
    while (
      fragments < fragmentLimit &&
      (this.subOffset !== this.rebOffset || this.subTermId !== this.rebTermId)
    ) {
      const term = this.partitions.at(this.subIndex)!;
      const at = this.subOffset;
      const frameLength = frameLengthAt(term, at);
      const type = typeAt(term, at);
      const span = frameSpan(type, frameLength);
      let next = at + span;
      let nextTermId = this.subTermId;
      if (next >= this.termLength) {
        next = 0;
        nextTermId = (nextTermId + 1) | 0;
      }
      this.messageEndTermId = nextTermId;
      this.messageEndOffset = next;
      if (type !== FrameType.PAD) {
        let delivered = PARTIAL;
        try {
          delivered = this.assembler.deliver(term, at, frameLength, handler, this);
        } finally {
          // Even when the handler throws, its message counts as consumed: never delivered twice.
          if (delivered !== ABORTED) this.consume(span, next, nextTermId);
        }
        if (delivered === ABORTED) {
          aborted = true;
          break;
        }
        fragments++;
        if (delivered >= 0) {
          messages++;
          bytes += delivered;
        }
      } else {
        this.consume(span, next, nextTermId);
        fragments++;
      }
    }
    // One result object per image, reused: a poll per datagram allocates nothing.
    const result = this.pollResult;
    result.fragments = fragments;
    result.messages = messages;
    result.bytes = bytes;
    result.aborted = aborted;
    return result;
  }

  /**
   * The in-order fast path, for a handler that takes messages as they arrive: when a DATA or PAD
   * frame is the very next thing to deliver and nothing else waits (no undelivered data, no gap), it is
   * handed over straight from its datagram, without a copy into the term, and every position
   * moves past it as if it had been inserted and polled. Returns the messages it completed (0 or
   * 1), or −1, changing nothing, when the frame must go the usual way (`insert`, then `poll`):
   * out of order, data waiting, or refused by the handler (ABORT; a later poll offers it again).
   */
  deliverInPlace(
    datagram: Buffer,
    at: number,
    type: number,
    frameLength: number,
    termId: number,
    termOffset: number,
    handler: MessageHandler,
  ): number {
    if (termId !== this.subTermId || termOffset !== this.subOffset || this.hasData || this.hasGap) return -1;
    const span = frameSpan(type, frameLength);
    if (termOffset + span > this.termLength) return -1;
    let next = termOffset + span;
    let nextTermId = termId;
    if (next >= this.termLength) {
      next = 0;
      nextTermId = (nextTermId + 1) | 0;
    }
    this.messageEndTermId = nextTermId;
    this.messageEndOffset = next;
    let delivered = PARTIAL; // a PAD (a term's end) delivers nothing
    try {
      if (type !== FrameType.PAD)
        delivered = this.assembler.deliver(datagram, at, frameLength, handler, this);
    } finally {
      // As in poll: even when the handler throws, its message counts as consumed.
      if (delivered !== ABORTED) {
        this.rebTermId = this.hwmTermId = nextTermId;
        this.rebOffset = this.hwmOffset = next;
        this.consume(span, next, nextTermId);
      }
    }
    return delivered === ABORTED ? -1 : delivered >= 0 ? 1 : 0;
  }

  /** Moves the subscriber past one frame of `span` bytes; leaving a term cleans its partition. */
  private consume(span: number, next: number, nextTermId: number): void {
    this.consumedSinceStatus += span;
    if (nextTermId !== this.subTermId) {
      // Leaving a term: its partition will hold the term after next.
      this.partitions.clean(this.subIndex);
      this.subTermId = nextTermId;
      this.subIndex = (this.subIndex + 1) % PARTITION_COUNT;
    }
    this.subOffset = next;
  }

  /** True once every byte up to the announced end of stream has been delivered. */
  get reachedEndOfStream(): boolean {
    return this.eosPosition !== undefined && this.consumedPosition >= this.eosPosition;
  }
}
