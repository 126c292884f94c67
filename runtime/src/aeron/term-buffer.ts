/**
 * The publisher's log: three term partitions, the tail, and the appender that writes
 * whole messages as frames (fragmented above MTU − 32, padded at a term's end). Terms
 * stay in memory after they are sent so that NAKs can be answered from them.
 */
import { DATA_HEADER_LENGTH, DataFlags, FrameType, writeDataHeader } from './frames.ts';
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

  constructor(
    readonly id: LogIdentity,
    termId: number,
    termOffset: number,
  ) {
    this.partitions = Array.from({ length: PARTITION_COUNT }, () => Buffer.alloc(id.termLength));
    this.shift = positionBitsToShift(id.termLength);
    this.maxPayload = id.mtu - DATA_HEADER_LENGTH;
    this.activeTermId = termId;
    this.tailOffset = termOffset;
    this.activeIndex = partitionIndex(termId, id.initialTermId);
  }

  get tailPosition(): bigint {
    return computePosition(this.activeTermId, this.tailOffset, this.shift, this.id.initialTermId);
  }

  /** The start of the active term as a position. */
  get activeTermBase(): bigint {
    return computePosition(this.activeTermId, 0, this.shift, this.id.initialTermId);
  }

  /** The partition holding `termId`, if it is the active term or one of the two before it. */
  partitionFor(termId: number): Buffer | undefined {
    const back = termIdDelta(this.activeTermId, termId);
    if (back < 0 || back >= PARTITION_COUNT) return undefined;
    return this.partitions[(this.activeIndex - back + PARTITION_COUNT) % PARTITION_COUNT];
  }

  /** Bytes a message of `length` occupies in the term, headers and alignment included. */
  spaceFor(length: number): number {
    if (length <= this.maxPayload) return align(length + DATA_HEADER_LENGTH);
    const full = Math.floor(length / this.maxPayload);
    const rest = length - full * this.maxPayload;
    return full * this.id.mtu + (rest > 0 ? align(rest + DATA_HEADER_LENGTH) : 0);
  }

  /** Fills the rest of the active term with one PAD frame and moves to the next term. */
  padAndRotate(): void {
    const padLength = this.id.termLength - this.tailOffset;
    if (padLength > 0) {
      writeDataHeader(this.partitions[this.activeIndex]!, this.tailOffset, {
        type: 'pad',
        frameLength: padLength,
        flags: DataFlags.UNFRAGMENTED,
        termOffset: this.tailOffset,
        sessionId: this.id.sessionId,
        streamId: this.id.streamId,
        termId: this.activeTermId,
      });
    }
    this.rotate();
  }

  private rotate(): void {
    this.activeTermId = (this.activeTermId + 1) | 0;
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
      writeHeaderFast(
        term,
        at,
        length + DATA_HEADER_LENGTH,
        DataFlags.UNFRAGMENTED,
        at,
        sessionId,
        streamId,
        this.activeTermId,
      );
      if (reservedValue !== 0n) term.writeBigInt64LE(reservedValue, at + 24);
      term.set(length === src.length && offset === 0 ? src : src.subarray(offset, offset + length), at + 32);
      this.tailOffset = at + align(length + DATA_HEADER_LENGTH);
    } else {
      let remaining = length;
      let from = offset;
      let flags: number = DataFlags.BEGIN;
      while (remaining > 0) {
        const chunk = Math.min(remaining, this.maxPayload);
        if (chunk === remaining) flags |= DataFlags.END;
        const at = this.tailOffset;
        writeHeaderFast(
          term,
          at,
          chunk + DATA_HEADER_LENGTH,
          flags,
          at,
          sessionId,
          streamId,
          this.activeTermId,
        );
        if (reservedValue !== 0n) term.writeBigInt64LE(reservedValue, at + 24);
        term.set(src.subarray(from, from + chunk), at + 32);
        this.tailOffset = at + align(chunk + DATA_HEADER_LENGTH);
        from += chunk;
        remaining -= chunk;
        flags = 0;
      }
    }
    if (this.tailOffset === this.id.termLength) this.rotate();
  }
}

/** The DATA header written field by field; the reserved value is left zero. */
function writeHeaderFast(
  b: Buffer,
  at: number,
  frameLength: number,
  flags: number,
  termOffset: number,
  sessionId: number,
  streamId: number,
  termId: number,
): void {
  b.writeInt32LE(frameLength, at);
  b[at + 4] = 0;
  b[at + 5] = flags;
  b.writeUInt16LE(FrameType.DATA, at + 6);
  b.writeInt32LE(termOffset, at + 8);
  b.writeInt32LE(sessionId, at + 12);
  b.writeInt32LE(streamId, at + 16);
  b.writeInt32LE(termId, at + 20);
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
    const frameLength = term.readInt32LE(at);
    if (frameLength <= 0) break;
    const type = term.readUInt16LE(at + 6);
    const span = type === FrameType.PAD ? frameLength : align(frameLength);
    const onWire = type === FrameType.PAD ? DATA_HEADER_LENGTH : span;
    if ((fitWithin && at + span > limit) || (wireEnd > start && at - start + onWire > mtu)) break;
    wireEnd = at + onWire;
    at += span;
    if (type === FrameType.PAD) break;
  }
  out.advance = at - start;
  out.wire = wireEnd - start;
  return out;
}
