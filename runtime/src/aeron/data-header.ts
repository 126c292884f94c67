/**
 * The DATA (and PAD) frame header, named once: where each field lives, how long the header is,
 * and the one writer and readers every other file uses. Flyweight-style, as Aeron's own
 * `DataHeaderFlyweight`: callers read and write fields in place, in the term buffers or in a
 * datagram, without building objects on the hot path.
 *
 *   0        4       5      6       8            12          16         20       24              32
 *   | frameLength | version | flags | type | termOffset | sessionId | streamId | termId | reservedValue |
 */
import { align, FRAME_ALIGNMENT } from './position.ts';

/** The header every frame type starts with: frameLength, version, flags, type. */
export const MIN_HEADER_LENGTH = 8;
export const FRAME_LENGTH_OFFSET = 0;
export const VERSION_OFFSET = 4;
export const FLAGS_OFFSET = 5;
export const TYPE_OFFSET = 6;
/** The fields after the common header, DATA and PAD only. */
export const TERM_OFFSET_OFFSET = 8;
export const SESSION_ID_OFFSET = 12;
export const STREAM_ID_OFFSET = 16;
export const TERM_ID_OFFSET = 20;
export const RESERVED_VALUE_OFFSET = 24;
/** The length of a DATA header; the payload starts here. One frame alignment unit. */
export const HEADER_LENGTH = 32;
export const PAYLOAD_OFFSET = HEADER_LENGTH;

/** The only frame version this transport speaks. */
export const CURRENT_VERSION = 0;

export const FrameType = {
  PAD: 0x00,
  DATA: 0x01,
  NAK: 0x02,
  SM: 0x03,
  ERR: 0x04,
  SETUP: 0x05,
  RTTM: 0x06,
  RES: 0x07,
  RSP_SETUP: 0x0b,
  EXT: 0xffff,
} as const;

export const DataFlags = { BEGIN: 0x80, END: 0x40, UNFRAGMENTED: 0xc0, EOS: 0x20 } as const;

/** Writes the common 8-byte header of any frame. */
export function writeFrameHeader(
  buf: Buffer,
  at: number,
  frameLength: number,
  flags: number,
  type: number,
): void {
  buf.writeInt32LE(frameLength, at + FRAME_LENGTH_OFFSET);
  buf[at + VERSION_OFFSET] = CURRENT_VERSION;
  buf[at + FLAGS_OFFSET] = flags;
  buf.writeUInt16LE(type, at + TYPE_OFFSET);
}

/**
 * Writes a whole DATA or PAD header at `at`, field by field (the hot path of the publisher's
 * appender calls this once per frame). The payload, if any, follows at `at + PAYLOAD_OFFSET`.
 */
export function writeDataHeader(
  buf: Buffer,
  at: number,
  type: number,
  frameLength: number,
  flags: number,
  termOffset: number,
  sessionId: number,
  streamId: number,
  termId: number,
  reservedValue = 0n,
): void {
  writeFrameHeader(buf, at, frameLength, flags, type);
  buf.writeInt32LE(termOffset, at + TERM_OFFSET_OFFSET);
  buf.writeInt32LE(sessionId, at + SESSION_ID_OFFSET);
  buf.writeInt32LE(streamId, at + STREAM_ID_OFFSET);
  buf.writeInt32LE(termId, at + TERM_ID_OFFSET);
  if (reservedValue === 0n) {
    buf.writeInt32LE(0, at + RESERVED_VALUE_OFFSET);
    buf.writeInt32LE(0, at + RESERVED_VALUE_OFFSET + 4);
  } else buf.writeBigInt64LE(reservedValue, at + RESERVED_VALUE_OFFSET);
}

export const frameLengthAt = (buf: Buffer, at: number): number => buf.readInt32LE(at + FRAME_LENGTH_OFFSET);
export const versionAt = (buf: Buffer, at: number): number => buf[at + VERSION_OFFSET]!;
export const flagsAt = (buf: Buffer, at: number): number => buf[at + FLAGS_OFFSET]!;
export const typeAt = (buf: Buffer, at: number): number => buf.readUInt16LE(at + TYPE_OFFSET);
export const termOffsetAt = (buf: Buffer, at: number): number => buf.readInt32LE(at + TERM_OFFSET_OFFSET);
export const sessionIdAt = (buf: Buffer, at: number): number => buf.readInt32LE(at + SESSION_ID_OFFSET);
export const streamIdAt = (buf: Buffer, at: number): number => buf.readInt32LE(at + STREAM_ID_OFFSET);
export const termIdAt = (buf: Buffer, at: number): number => buf.readInt32LE(at + TERM_ID_OFFSET);
export const reservedValueAt = (buf: Buffer, at: number): bigint =>
  buf.readBigInt64LE(at + RESERVED_VALUE_OFFSET);

/**
 * The bytes a stored frame occupies in its term: a PAD's frameLength is the whole padding
 * (already aligned), a DATA frame's is unaligned and rounds up.
 */
export function frameSpan(type: number, frameLength: number): number {
  return type === FrameType.PAD ? frameLength : align(frameLength);
}

/** The bytes of a stored frame that go on the wire: a PAD sends only its header. */
export function frameWireLength(type: number, frameLength: number): number {
  return type === FrameType.PAD ? HEADER_LENGTH : align(frameLength);
}

/** True when `offset` sits on a frame boundary. */
export function isFrameAligned(offset: number): boolean {
  return (offset & (FRAME_ALIGNMENT - 1)) === 0;
}

/**
 * The length a stored frame takes in its term: 0 where nothing has arrived, −1 where the
 * bytes are not a sound frame (forged or overlapping frames from a hostile sender).
 */
export function storedFrameSpan(term: Buffer, offset: number, termLength: number): number {
  const frameLength = frameLengthAt(term, offset);
  if (frameLength === 0) return 0;
  const type = typeAt(term, offset);
  const span = frameSpan(type, frameLength);
  if (
    frameLength < HEADER_LENGTH ||
    (type !== FrameType.PAD && type !== FrameType.DATA) ||
    (type === FrameType.PAD && !isFrameAligned(frameLength)) ||
    offset + span > termLength
  )
    return -1;
  return span;
}
