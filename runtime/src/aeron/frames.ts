/**
 * The Aeron frame codec: every frame type, little-endian, 32-byte aligned, several
 * frames per datagram. Encoders write into a caller's buffer (the hot path never
 * allocates); `decodeFrames` walks a whole datagram and names every frame in it.
 */
import { align } from './position.ts';

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
export const StatusFlags = { SEND_SETUP: 0x80, EOS: 0x40 } as const;
export const SetupFlags = { SEND_RESPONSE: 0x80 } as const;
export const RttmFlags = { REPLY: 0x80 } as const;

export const HEADER_LENGTH = 8;
export const DATA_HEADER_LENGTH = 32;
export const NAK_LENGTH = 28;
export const SM_LENGTH = 36;
export const SM_WITH_GROUP_TAG_LENGTH = 44;
export const ERR_HEADER_LENGTH = 40;
export const SETUP_LENGTH = 40;
export const RTTM_LENGTH = 40;
export const RSP_SETUP_LENGTH = 20;

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

function header(buf: Buffer, offset: number, frameLength: number, flags: number, type: number): void {
  buf.writeInt32LE(frameLength, offset);
  buf[offset + 4] = 0;
  buf[offset + 5] = flags;
  buf.writeUInt16LE(type, offset + 6);
}

/** Writes a DATA (or PAD) header; the payload, if any, follows at offset + 32. */
export function writeDataHeader(
  buf: Buffer,
  offset: number,
  f: Omit<DataFrame, 'type' | 'payload' | 'reservedValue'> & {
    type?: 'data' | 'pad';
    reservedValue?: bigint;
  },
): void {
  header(buf, offset, f.frameLength, f.flags, f.type === 'pad' ? FrameType.PAD : FrameType.DATA);
  buf.writeInt32LE(f.termOffset, offset + 8);
  buf.writeInt32LE(f.sessionId, offset + 12);
  buf.writeInt32LE(f.streamId, offset + 16);
  buf.writeInt32LE(f.termId, offset + 20);
  buf.writeBigInt64LE(f.reservedValue ?? 0n, offset + 24);
}

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
  header(buf, offset, NAK_LENGTH, 0, FrameType.NAK);
  writeFields(buf, offset, NAK_FIELDS, f);
  return NAK_LENGTH;
}

export function writeStatus(buf: Buffer, offset: number, f: Omit<StatusFrame, 'type'>): number {
  const length = statusLength(f);
  header(buf, offset, length, f.flags, FrameType.SM);
  writeFields(buf, offset, SM_FIELDS, f);
  if (f.groupTag !== undefined) writeFields(buf, offset, SM_GROUP_TAG, f);
  return length;
}

export function writeSetup(buf: Buffer, offset: number, f: Omit<SetupFrame, 'type'>): number {
  header(buf, offset, SETUP_LENGTH, f.flags, FrameType.SETUP);
  writeFields(buf, offset, SETUP_FIELDS, f);
  return SETUP_LENGTH;
}

export function writeRttm(buf: Buffer, offset: number, f: Omit<RttmFrame, 'type'>): number {
  header(buf, offset, RTTM_LENGTH, f.flags, FrameType.RTTM);
  writeFields(buf, offset, RTTM_FIELDS, f);
  return RTTM_LENGTH;
}

export function writeError(buf: Buffer, offset: number, f: Omit<ErrorFrame, 'type'>): number {
  const text = Buffer.from(f.message, 'utf8');
  const length = ERR_HEADER_LENGTH + text.length;
  header(buf, offset, length, f.flags, FrameType.ERR);
  writeFields(buf, offset, ERR_FIELDS, f);
  buf.writeInt32LE(text.length, offset + ERR_TEXT_LENGTH_AT);
  text.copy(buf, offset + ERR_HEADER_LENGTH);
  return length;
}

export function writeResponseSetup(buf: Buffer, offset: number, f: Omit<ResponseSetupFrame, 'type'>): number {
  header(buf, offset, RSP_SETUP_LENGTH, f.flags, FrameType.RSP_SETUP);
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
      const onWire =
        frame.type === 'pad' ? DATA_HEADER_LENGTH : align(DATA_HEADER_LENGTH + frame.payload.length);
      const buf = Buffer.alloc(onWire);
      writeDataHeader(buf, 0, frame);
      if (frame.type === 'data') buf.set(frame.payload, DATA_HEADER_LENGTH);
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

/** The minimum frameLength for each control type. */
const MIN_LENGTH: Record<number, number> = {
  [FrameType.NAK]: NAK_LENGTH,
  [FrameType.SM]: SM_LENGTH,
  [FrameType.ERR]: ERR_HEADER_LENGTH,
  [FrameType.SETUP]: SETUP_LENGTH,
  [FrameType.RTTM]: RTTM_LENGTH,
  [FrameType.RSP_SETUP]: RSP_SETUP_LENGTH,
};

/**
 * Receives each well-formed frame of a datagram: its type code, where it starts and its
 * frameLength. Returning false stops the walk early.
 */
export type FrameVisitor = (
  type: number,
  offset: number,
  frameLength: number,
  flags: number,
) => boolean | undefined;

/** What a walk found besides the frames it handed over. */
export interface WalkResult {
  frames: number;
  invalid: number;
  unknown: number;
}

/**
 * Walks every frame of a datagram. A frame that is malformed (wrong version, a length
 * that is negative, too short for its type, or runs past the datagram) is counted as
 * invalid and ends the walk, since nothing after it can be trusted. Frames of types this
 * codec does not know are counted and skipped.
 */
export function walkFrames(buf: Uint8Array, length: number, visit: FrameVisitor, out: WalkResult): void {
  const view = buf instanceof Buffer ? buf : Buffer.from(buf.buffer, buf.byteOffset, buf.byteLength);
  let offset = 0;
  while (offset + HEADER_LENGTH <= length) {
    const frameLength = view.readInt32LE(offset);
    const version = view[offset + 4]!;
    const flags = view[offset + 5]!;
    const type = view.readUInt16LE(offset + 6);
    if (version !== 0 || frameLength < 0) {
      out.invalid++;
      return;
    }
    if (type === FrameType.DATA || type === FrameType.PAD) {
      if (offset + DATA_HEADER_LENGTH > length) {
        out.invalid++;
        return;
      }
      const bad =
        type === FrameType.DATA
          ? (frameLength !== 0 && frameLength < DATA_HEADER_LENGTH) || offset + frameLength > length
          : frameLength < DATA_HEADER_LENGTH || (frameLength & 31) !== 0;
      if (bad) {
        out.invalid++;
        return;
      }
      out.frames++;
      if (visit(type, offset, frameLength, flags) === false) return;
      offset +=
        type === FrameType.PAD ? DATA_HEADER_LENGTH : align(Math.max(frameLength, DATA_HEADER_LENGTH));
      continue;
    }
    const min = MIN_LENGTH[type];
    if (frameLength < (min ?? HEADER_LENGTH) || offset + frameLength > length) {
      out.invalid++;
      return;
    }
    if (min === undefined) {
      out.unknown++;
    } else {
      out.frames++;
      if (visit(type, offset, frameLength, flags) === false) return;
    }
    offset += align(frameLength);
  }
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
        type === FrameType.DATA && frameLength > DATA_HEADER_LENGTH ? frameLength - 32 : 0;
      return {
        type: type === FrameType.DATA ? 'data' : 'pad',
        frameLength,
        flags,
        termOffset: buf.readInt32LE(offset + 8),
        sessionId: buf.readInt32LE(offset + 12),
        streamId: buf.readInt32LE(offset + 16),
        termId: buf.readInt32LE(offset + 20),
        reservedValue: buf.readBigInt64LE(offset + 24),
        payload: buf.subarray(offset + 32, offset + 32 + payloadLength),
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
  const buf =
    datagram instanceof Buffer
      ? datagram
      : Buffer.from(datagram.buffer, datagram.byteOffset, datagram.byteLength);
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
