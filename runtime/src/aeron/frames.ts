/**
 * The Aeron frame codec: every frame type, little-endian, 32-byte aligned, several
 * frames per datagram. Encoders write into a caller's buffer (the hot path never
 * allocates); `decodeFrames` walks a whole datagram (see frame-walk.ts) and names every frame in it.
 */
import {
  DataFlags,
  FrameType,
  HEADER_LENGTH,
  PAYLOAD_OFFSET,
  reservedValueAt,
  sessionIdAt,
  streamIdAt,
  termIdAt,
  termOffsetAt,
  writeDataHeader,
  writeFrameHeader,
} from './data-header.ts';
import {
  ERR_HEADER_LENGTH,
  NAK_LENGTH,
  RSP_SETUP_LENGTH,
  RTTM_LENGTH,
  SETUP_LENGTH,
  SM_LENGTH,
  SM_WITH_GROUP_TAG_LENGTH,
} from './frame-lengths.ts';
import { asBuffer, type WalkResult, walkFrames } from './frame-walk.ts';
import { align } from './position.ts';

export { DataFlags, FrameType };

export interface DataFrame {
  type: 'data' | 'pad';
  /** As on the wire: unaligned for DATA (32 + payload; 0 for a heartbeat), the whole padding for PAD. */
  frameLength: number;
  flags: number;
  termOffset: number;
  sessionId: number;
  streamId: number;
  termId: number;
  reservedValue: bigint;
  /** The payload bytes (a view into the datagram); empty for heartbeats and PAD. */
  payload: Uint8Array;
}
export interface NakFrame {
  type: 'nak';
  flags: number;
  sessionId: number;
  streamId: number;
  termId: number;
  termOffset: number;
  length: number;
}
export interface StatusFrame {
  type: 'sm';
  flags: number;
  sessionId: number;
  streamId: number;
  consumptionTermId: number;
  consumptionTermOffset: number;
  receiverWindow: number;
  receiverId: bigint;
  groupTag?: bigint;
}
export interface ErrorFrame {
  type: 'err';
  flags: number;
  sessionId: number;
  streamId: number;
  receiverId: bigint;
  groupTag: bigint;
  errorCode: number;
  message: string;
}
export interface SetupFrame {
  type: 'setup';
  flags: number;
  termOffset: number;
  sessionId: number;
  streamId: number;
  initialTermId: number;
  activeTermId: number;
  termLength: number;
  mtu: number;
  ttl: number;
}
export interface RttmFrame {
  type: 'rttm';
  flags: number;
  sessionId: number;
  streamId: number;
  echoTimestamp: bigint;
  receptionDelta: bigint;
  receiverId: bigint;
}
export interface ResponseSetupFrame {
  type: 'rsp-setup';
  flags: number;
  sessionId: number;
  streamId: number;
  responseSessionId: number;
}
export interface UnknownFrame {
  type: 'unknown';
  code: number;
  flags: number;
  frameLength: number;
}
export type Frame =
  | DataFrame
  | NakFrame
  | StatusFrame
  | ErrorFrame
  | SetupFrame
  | RttmFrame
  | ResponseSetupFrame
  | UnknownFrame;

/**
 * The field layouts of the control frames after their 8-byte header: name, width, offset. One
 * table serves both directions, so an encoder and its decoder cannot disagree on a field. (DATA
 * headers, on the hot path, are written and read by hand.)
 */
type Layout = readonly (readonly [name: string, width: 'i32' | 'i64', offset: number])[];

const NAK_FIELDS: Layout = [
  ['sessionId', 'i32', 8],
  ['streamId', 'i32', 12],
  ['termId', 'i32', 16],
  ['termOffset', 'i32', 20],
  ['length', 'i32', 24],
];
const SM_FIELDS: Layout = [
  ['sessionId', 'i32', 8],
  ['streamId', 'i32', 12],
  ['consumptionTermId', 'i32', 16],
  ['consumptionTermOffset', 'i32', 20],
  ['receiverWindow', 'i32', 24],
  ['receiverId', 'i64', 28],
];
const SM_GROUP_TAG: Layout = [['groupTag', 'i64', 36]];
const ERR_FIELDS: Layout = [
  ['sessionId', 'i32', 8],
  ['streamId', 'i32', 12],
  ['receiverId', 'i64', 16],
  ['groupTag', 'i64', 24],
  ['errorCode', 'i32', 32],
];
/** Where an ERR frame says how long its text is. */
const ERR_TEXT_LENGTH_AT = 36;
const SETUP_FIELDS: Layout = [
  ['termOffset', 'i32', 8],
  ['sessionId', 'i32', 12],
  ['streamId', 'i32', 16],
  ['initialTermId', 'i32', 20],
  ['activeTermId', 'i32', 24],
  ['termLength', 'i32', 28],
  ['mtu', 'i32', 32],
  ['ttl', 'i32', 36],
];
const RTTM_FIELDS: Layout = [
  ['sessionId', 'i32', 8],
  ['streamId', 'i32', 12],
  ['echoTimestamp', 'i64', 16],
  ['receptionDelta', 'i64', 24],
  ['receiverId', 'i64', 32],
];
const RSP_SETUP_FIELDS: Layout = [
  ['sessionId', 'i32', 8],
  ['streamId', 'i32', 12],
  ['responseSessionId', 'i32', 16],
];

function writeFields(buf: Buffer, offset: number, layout: Layout, frame: object): void {
  const values = frame as Record<string, number | bigint>;
  for (const [name, width, at] of layout) {
    if (width === 'i32') buf.writeInt32LE(values[name] as number, offset + at);
    else buf.writeBigInt64LE(values[name] as bigint, offset + at);
  }
}

function readFields<F>(buf: Buffer, offset: number, layout: Layout, head: Partial<F>): F {
  const frame = head as Record<string, unknown>;
  for (const [name, width, at] of layout) {
    frame[name] = width === 'i32' ? buf.readInt32LE(offset + at) : buf.readBigInt64LE(offset + at);
  }
  return frame as F;
}

export function writeNak(buf: Buffer, offset: number, f: Omit<NakFrame, 'type' | 'flags'>): number {
  writeFrameHeader(buf, offset, NAK_LENGTH, 0, FrameType.NAK);
  writeFields(buf, offset, NAK_FIELDS, f);
  return NAK_LENGTH;
}

export function writeStatus(buf: Buffer, offset: number, f: Omit<StatusFrame, 'type'>): number {
  const length = statusLength(f);
  writeFrameHeader(buf, offset, length, f.flags, FrameType.SM);
  writeFields(buf, offset, SM_FIELDS, f);
  if (f.groupTag !== undefined) writeFields(buf, offset, SM_GROUP_TAG, f);
  return length;
}

export function writeSetup(buf: Buffer, offset: number, f: Omit<SetupFrame, 'type'>): number {
  writeFrameHeader(buf, offset, SETUP_LENGTH, f.flags, FrameType.SETUP);
  writeFields(buf, offset, SETUP_FIELDS, f);
  return SETUP_LENGTH;
}

export function writeRttm(buf: Buffer, offset: number, f: Omit<RttmFrame, 'type'>): number {
  writeFrameHeader(buf, offset, RTTM_LENGTH, f.flags, FrameType.RTTM);
  writeFields(buf, offset, RTTM_FIELDS, f);
  return RTTM_LENGTH;
}

export function writeError(buf: Buffer, offset: number, f: Omit<ErrorFrame, 'type'>): number {
  const text = Buffer.from(f.message, 'utf8');
  const length = ERR_HEADER_LENGTH + text.length;
  writeFrameHeader(buf, offset, length, f.flags, FrameType.ERR);
  writeFields(buf, offset, ERR_FIELDS, f);
  buf.writeInt32LE(text.length, offset + ERR_TEXT_LENGTH_AT);
  text.copy(buf, offset + ERR_HEADER_LENGTH);
  return length;
}

export function writeResponseSetup(buf: Buffer, offset: number, f: Omit<ResponseSetupFrame, 'type'>): number {
  writeFrameHeader(buf, offset, RSP_SETUP_LENGTH, f.flags, FrameType.RSP_SETUP);
  writeFields(buf, offset, RSP_SETUP_FIELDS, f);
  return RSP_SETUP_LENGTH;
}

const statusLength = (f: { groupTag?: bigint }): number =>
  f.groupTag === undefined ? SM_LENGTH : SM_WITH_GROUP_TAG_LENGTH;

/** The longest control frame of fixed size: an SM with its group tag. */
const LONGEST_FIXED_CONTROL = SM_WITH_GROUP_TAG_LENGTH;

/** Writes any control frame at the start of `buf`; returns its length. */
function writeControl(buf: Buffer, frame: Exclude<Frame, DataFrame | UnknownFrame>): number {
  switch (frame.type) {
    case 'nak':
      return writeNak(buf, 0, frame);
    case 'sm':
      return writeStatus(buf, 0, frame);
    case 'setup':
      return writeSetup(buf, 0, frame);
    case 'rttm':
      return writeRttm(buf, 0, frame);
    case 'err':
      return writeError(buf, 0, frame);
    case 'rsp-setup':
      return writeResponseSetup(buf, 0, frame);
  }
}

/** Encodes one frame as a datagram of its own, padded to 32 bytes (DATA's frameLength stays unaligned). */
export function encodeFrame(frame: Frame): Buffer {
  switch (frame.type) {
    case 'data':
    case 'pad': {
      const onWire = frame.type === 'pad' ? HEADER_LENGTH : align(HEADER_LENGTH + frame.payload.length);
      const buf = Buffer.alloc(onWire);
      writeDataHeader(
        buf,
        0,
        frame.type === 'pad' ? FrameType.PAD : FrameType.DATA,
        frame.frameLength,
        frame.flags,
        frame.termOffset,
        frame.sessionId,
        frame.streamId,
        frame.termId,
        frame.reservedValue,
      );
      if (frame.type === 'data') buf.set(frame.payload, PAYLOAD_OFFSET);
      return buf;
    }
    case 'unknown':
      throw new Error(`cannot encode a frame of unknown type 0x${frame.code.toString(16)}`);
    default: {
      const room =
        frame.type === 'err' ? ERR_HEADER_LENGTH + Buffer.byteLength(frame.message) : LONGEST_FIXED_CONTROL;
      const buf = Buffer.alloc(room);
      return buf.subarray(0, writeControl(buf, frame));
    }
  }
}

/** Concatenates frames into one datagram, each starting on a 32-byte boundary. */
export function encodeDatagram(frames: readonly Frame[]): Buffer {
  const parts = frames.map(encodeFrame);
  const out = Buffer.alloc(
    parts.reduce((n, p, i) => n + (i === parts.length - 1 ? p.length : align(p.length)), 0),
  );
  let at = 0;
  for (const p of parts) {
    p.copy(out, at);
    at += align(p.length);
  }
  return out;
}

/** Reads one already-walked frame into an object. */
export function readFrame(
  buf: Buffer,
  offset: number,
  type: number,
  frameLength: number,
  flags: number,
): Frame {
  switch (type) {
    case FrameType.DATA:
    case FrameType.PAD: {
      const payloadLength =
        type === FrameType.DATA && frameLength > HEADER_LENGTH ? frameLength - HEADER_LENGTH : 0;
      const payloadAt = offset + PAYLOAD_OFFSET;
      return {
        type: type === FrameType.DATA ? 'data' : 'pad',
        frameLength,
        flags,
        termOffset: termOffsetAt(buf, offset),
        sessionId: sessionIdAt(buf, offset),
        streamId: streamIdAt(buf, offset),
        termId: termIdAt(buf, offset),
        reservedValue: reservedValueAt(buf, offset),
        payload: buf.subarray(payloadAt, payloadAt + payloadLength),
      };
    }
    case FrameType.NAK:
      return readFields<NakFrame>(buf, offset, NAK_FIELDS, { type: 'nak', flags });
    case FrameType.SM: {
      const sm = readFields<StatusFrame>(buf, offset, SM_FIELDS, { type: 'sm', flags });
      return frameLength >= SM_WITH_GROUP_TAG_LENGTH ? readFields(buf, offset, SM_GROUP_TAG, sm) : sm;
    }
    case FrameType.ERR: {
      const declared = buf.readInt32LE(offset + ERR_TEXT_LENGTH_AT);
      const textLength = Math.max(0, Math.min(declared, frameLength - ERR_HEADER_LENGTH));
      const message = buf.toString(
        'utf8',
        offset + ERR_HEADER_LENGTH,
        offset + ERR_HEADER_LENGTH + textLength,
      );
      return readFields<ErrorFrame>(buf, offset, ERR_FIELDS, { type: 'err', flags, message });
    }
    case FrameType.SETUP:
      return readFields<SetupFrame>(buf, offset, SETUP_FIELDS, { type: 'setup', flags });
    case FrameType.RTTM:
      return readFields<RttmFrame>(buf, offset, RTTM_FIELDS, { type: 'rttm', flags });
    case FrameType.RSP_SETUP:
      return readFields<ResponseSetupFrame>(buf, offset, RSP_SETUP_FIELDS, { type: 'rsp-setup', flags });
    default:
      return { type: 'unknown', code: type, flags, frameLength };
  }
}

/** Decodes every frame of a datagram, with counts of invalid and unknown frames. */
export function decodeFrames(datagram: Uint8Array): { frames: Frame[]; invalid: number; unknown: number } {
  const buf = asBuffer(datagram);
  const frames: Frame[] = [];
  const result: WalkResult = { frames: 0, invalid: 0, unknown: 0 };
  walkFrames(
    buf,
    buf.length,
    (type, offset, frameLength, flags) => {
      frames.push(readFrame(buf, offset, type, frameLength, flags));
      return true;
    },
    result,
  );
  return { frames, invalid: result.invalid, unknown: result.unknown };
}
