/**
 * The publisher's log: three term partitions, the tail, and the appender that writes
 * whole messages as frames (fragmented above MTU − 32, padded at a term's end). Terms
 * stay in memory after they are sent so that NAKs can be answered from them.
 */
import {
  DataFlags,
  FrameType,
  frameLengthAt,
  frameSpan,
  frameWireLength,
  HEADER_LENGTH,
  PAYLOAD_OFFSET,
  typeAt,
  writeDataHeader,
} from './data-header.ts';
import {
  align,
  computePosition,
  PARTITION_COUNT,
  partitionIndex,
  positionBitsToShift,
  termIdDelta,
} from './position.ts';

export interface LogIdentity {
  sessionId: number;
  streamId: number;
  initialTermId: number;
  termLength: number;
  mtu: number;
}

export class PublisherLog {
  readonly partitions: Buffer[];
  readonly shift: number;
  readonly maxPayload: number;
  activeTermId: number;
  tailOffset: number;
  private activeIndex: number;
  /** The position where the active term starts, kept so the hot path computes no shifts. */
  private termBase: bigint;

  constructor(
    readonly id: LogIdentity,
    termId: number,
    termOffset: number,
  ) {
    this.partitions = Array.from({ length: PARTITION_COUNT }, () => Buffer.alloc(id.termLength));
    this.shift = positionBitsToShift(id.termLength);
    this.maxPayload = id.mtu - HEADER_LENGTH;
    this.activeTermId = termId;
    this.tailOffset = termOffset;
    this.activeIndex = partitionIndex(termId, id.initialTermId);
    this.termBase = computePosition(termId, 0, this.shift, id.initialTermId);
  }

  get tailPosition(): bigint {
    return this.termBase + BigInt(this.tailOffset);
  }

  /** The start of the active term as a position. */
  get activeTermBase(): bigint {
    return this.termBase;
  }

  /** The partition holding `termId`, if it is the active term or one of the two before it. */
  partitionFor(termId: number): Buffer | undefined {
    const back = termIdDelta(this.activeTermId, termId);
    if (back < 0 || back >= PARTITION_COUNT) return undefined;
    return this.partitions[(this.activeIndex - back + PARTITION_COUNT) % PARTITION_COUNT];
  }

  /** Bytes a message of `length` occupies in the term, headers and alignment included. */
  spaceFor(length: number): number {
    if (length <= this.maxPayload) return align(length + HEADER_LENGTH);
    const full = Math.floor(length / this.maxPayload);
    const rest = length - full * this.maxPayload;
    return full * this.id.mtu + (rest > 0 ? align(rest + HEADER_LENGTH) : 0);
  }

  /** Fills the rest of the active term with one PAD frame and moves to the next term. */
  padAndRotate(): void {
    const padLength = this.id.termLength - this.tailOffset;
    if (padLength > 0) {
      const at = this.tailOffset;
      const { sessionId, streamId } = this.id;
      const term = this.partitions[this.activeIndex]!;
      writeDataHeader(
        term,
        at,
        FrameType.PAD,
        padLength,
        DataFlags.UNFRAGMENTED,
        at,
        sessionId,
        streamId,
        this.activeTermId,
      );
    }
    this.rotate();
  }

  private rotate(): void {
    this.activeTermId = (this.activeTermId + 1) | 0;
    this.termBase = computePosition(this.activeTermId, 0, this.shift, this.id.initialTermId);
    this.activeIndex = (this.activeIndex + 1) % PARTITION_COUNT;
    this.tailOffset = 0;
    // The partition now reused held the term three back, long acknowledged: clean it.
    this.partitions[this.activeIndex]!.fill(0);
  }

  /**
   * Appends a message that the caller has checked fits in the active term. A message
   * that ends exactly at the term's end rotates the log.
   */
  append(src: Uint8Array, offset: number, length: number, reservedValue = 0n): void {
    const term = this.partitions[this.activeIndex]!;
    const { sessionId, streamId } = this.id;
    if (length <= this.maxPayload) {
      const at = this.tailOffset;
      writeDataHeader(
        term,
        at,
        FrameType.DATA,
        length + HEADER_LENGTH,
        DataFlags.UNFRAGMENTED,
        at,
        sessionId,
        streamId,
        this.activeTermId,
        reservedValue,
      );
      const payload = length === src.length && offset === 0 ? src : src.subarray(offset, offset + length);
      term.set(payload, at + PAYLOAD_OFFSET);
      this.tailOffset = at + align(length + HEADER_LENGTH);
    } else {
      let remaining = length;
      let from = offset;
      let flags: number = DataFlags.BEGIN;
      while (remaining > 0) {
        const chunk = Math.min(remaining, this.maxPayload);
        if (chunk === remaining) flags |= DataFlags.END;
        const at = this.tailOffset;
        writeDataHeader(
          term,
          at,
          FrameType.DATA,
          chunk + HEADER_LENGTH,
          flags,
          at,
          sessionId,
          streamId,
          this.activeTermId,
          reservedValue,
        );
        term.set(src.subarray(from, from + chunk), at + PAYLOAD_OFFSET);
        this.tailOffset = at + align(chunk + HEADER_LENGTH);
        from += chunk;
        remaining -= chunk;
        flags = 0;
      }
    }
    if (this.tailOffset === this.id.termLength) this.rotate();
  }
}

/** How far one datagram reaches: `advance` moves the position, `wire` bytes are sent (a PAD sends only its header). */
export interface DatagramExtent {
  advance: number;
  wire: number;
}

/**
 * Measures the datagram that starts at `start`: consecutive whole frames, at most `mtu`
 * bytes on the wire, ending with a PAD if one comes. With `fitWithin`, every frame must end
 * by `limit` (the flow-control limit); without it, frames need only start before `limit`
 * (a retransmission sends whole frames). An empty extent means nothing may be sent.
 */
export function measureDatagram(
  term: Buffer,
  start: number,
  limit: number,
  mtu: number,
  fitWithin: boolean,
  out: DatagramExtent,
): DatagramExtent {
  let at = start;
  let wireEnd = start;
  while (at < limit) {
    const frameLength = frameLengthAt(term, at);
    if (frameLength <= 0) break;
    const type = typeAt(term, at);
    const span = frameSpan(type, frameLength);
    const onWire = frameWireLength(type, frameLength);
    if ((fitWithin && at + span > limit) || (wireEnd > start && at - start + onWire > mtu)) break;
    wireEnd = at + onWire;
    at += span;
    if (type === FrameType.PAD) break;
  }
  out.advance = at - start;
  out.wire = wireEnd - start;
  return out;
}
