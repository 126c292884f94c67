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

export function writeNak(buf: Buffer, offset: number, f: Omit<NakFrame, 'type' | 'flags'>): number {
  header(buf, offset, NAK_LENGTH, 0, FrameType.NAK);
  buf.writeInt32LE(f.sessionId, offset + 8);
  buf.writeInt32LE(f.streamId, offset + 12);
  buf.writeInt32LE(f.termId, offset + 16);
  buf.writeInt32LE(f.termOffset, offset + 20);
  buf.writeInt32LE(f.length, offset + 24);
  return NAK_LENGTH;
}

export function writeStatus(buf: Buffer, offset: number, f: Omit<StatusFrame, 'type'>): number {
  const length = f.groupTag === undefined ? SM_LENGTH : SM_WITH_GROUP_TAG_LENGTH;
  header(buf, offset, length, f.flags, FrameType.SM);
  buf.writeInt32LE(f.sessionId, offset + 8);
  buf.writeInt32LE(f.streamId, offset + 12);
  buf.writeInt32LE(f.consumptionTermId, offset + 16);
  buf.writeInt32LE(f.consumptionTermOffset, offset + 20);
  buf.writeInt32LE(f.receiverWindow, offset + 24);
  buf.writeBigInt64LE(f.receiverId, offset + 28);
  if (f.groupTag !== undefined) buf.writeBigInt64LE(f.groupTag, offset + 36);
  return length;
}

export function writeSetup(buf: Buffer, offset: number, f: Omit<SetupFrame, 'type'>): number {
  header(buf, offset, SETUP_LENGTH, f.flags, FrameType.SETUP);
  buf.writeInt32LE(f.termOffset, offset + 8);
  buf.writeInt32LE(f.sessionId, offset + 12);
  buf.writeInt32LE(f.streamId, offset + 16);
  buf.writeInt32LE(f.initialTermId, offset + 20);
  buf.writeInt32LE(f.activeTermId, offset + 24);
  buf.writeInt32LE(f.termLength, offset + 28);
  buf.writeInt32LE(f.mtu, offset + 32);
  buf.writeInt32LE(f.ttl, offset + 36);
  return SETUP_LENGTH;
}

export function writeRttm(buf: Buffer, offset: number, f: Omit<RttmFrame, 'type'>): number {
  header(buf, offset, RTTM_LENGTH, f.flags, FrameType.RTTM);
  buf.writeInt32LE(f.sessionId, offset + 8);
  buf.writeInt32LE(f.streamId, offset + 12);
  buf.writeBigInt64LE(f.echoTimestamp, offset + 16);
  buf.writeBigInt64LE(f.receptionDelta, offset + 24);
  buf.writeBigInt64LE(f.receiverId, offset + 32);
  return RTTM_LENGTH;
}

export function writeError(buf: Buffer, offset: number, f: Omit<ErrorFrame, 'type'>): number {
  const text = Buffer.from(f.message, 'utf8');
  const length = ERR_HEADER_LENGTH + text.length;
  header(buf, offset, length, f.flags, FrameType.ERR);
  buf.writeInt32LE(f.sessionId, offset + 8);
  buf.writeInt32LE(f.streamId, offset + 12);
  buf.writeBigInt64LE(f.receiverId, offset + 16);
  buf.writeBigInt64LE(f.groupTag, offset + 24);
  buf.writeInt32LE(f.errorCode, offset + 32);
  buf.writeInt32LE(text.length, offset + 36);
  text.copy(buf, offset + ERR_HEADER_LENGTH);
  return length;
}

export function writeResponseSetup(buf: Buffer, offset: number, f: Omit<ResponseSetupFrame, 'type'>): number {
  header(buf, offset, RSP_SETUP_LENGTH, f.flags, FrameType.RSP_SETUP);
  buf.writeInt32LE(f.sessionId, offset + 8);
  buf.writeInt32LE(f.streamId, offset + 12);
  buf.writeInt32LE(f.responseSessionId, offset + 16);
  return RSP_SETUP_LENGTH;
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
    case 'nak': {
      const buf = Buffer.alloc(NAK_LENGTH);
      writeNak(buf, 0, frame);
      return buf;
    }
    case 'sm': {
      const buf = Buffer.alloc(frame.groupTag === undefined ? SM_LENGTH : SM_WITH_GROUP_TAG_LENGTH);
      writeStatus(buf, 0, frame);
      return buf;
    }
    case 'setup': {
      const buf = Buffer.alloc(SETUP_LENGTH);
      writeSetup(buf, 0, frame);
      return buf;
    }
    case 'rttm': {
      const buf = Buffer.alloc(RTTM_LENGTH);
      writeRttm(buf, 0, frame);
      return buf;
    }
    case 'err': {
      const buf = Buffer.alloc(ERR_HEADER_LENGTH + Buffer.byteLength(frame.message));
      writeError(buf, 0, frame);
      return buf;
    }
    case 'rsp-setup': {
      const buf = Buffer.alloc(RSP_SETUP_LENGTH);
      writeResponseSetup(buf, 0, frame);
      return buf;
    }
    case 'unknown':
      throw new Error(`cannot encode a frame of unknown type 0x${frame.code.toString(16)}`);
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
      return {
        type: 'nak',
        flags,
        sessionId: buf.readInt32LE(offset + 8),
        streamId: buf.readInt32LE(offset + 12),
        termId: buf.readInt32LE(offset + 16),
        termOffset: buf.readInt32LE(offset + 20),
        length: buf.readInt32LE(offset + 24),
      };
    case FrameType.SM: {
      const sm: StatusFrame = {
        type: 'sm',
        flags,
        sessionId: buf.readInt32LE(offset + 8),
        streamId: buf.readInt32LE(offset + 12),
        consumptionTermId: buf.readInt32LE(offset + 16),
        consumptionTermOffset: buf.readInt32LE(offset + 20),
        receiverWindow: buf.readInt32LE(offset + 24),
        receiverId: buf.readBigInt64LE(offset + 28),
      };
      if (frameLength >= SM_WITH_GROUP_TAG_LENGTH) sm.groupTag = buf.readBigInt64LE(offset + 36);
      return sm;
    }
    case FrameType.ERR: {
      const declared = buf.readInt32LE(offset + 36);
      const textLength = Math.max(0, Math.min(declared, frameLength - ERR_HEADER_LENGTH));
      return {
        type: 'err',
        flags,
        sessionId: buf.readInt32LE(offset + 8),
        streamId: buf.readInt32LE(offset + 12),
        receiverId: buf.readBigInt64LE(offset + 16),
        groupTag: buf.readBigInt64LE(offset + 24),
        errorCode: buf.readInt32LE(offset + 32),
        message: buf.toString('utf8', offset + 40, offset + 40 + textLength),
      };
    }
    case FrameType.SETUP:
      return {
        type: 'setup',
        flags,
        termOffset: buf.readInt32LE(offset + 8),
        sessionId: buf.readInt32LE(offset + 12),
        streamId: buf.readInt32LE(offset + 16),
        initialTermId: buf.readInt32LE(offset + 20),
        activeTermId: buf.readInt32LE(offset + 24),
        termLength: buf.readInt32LE(offset + 28),
        mtu: buf.readInt32LE(offset + 32),
        ttl: buf.readInt32LE(offset + 36),
      };
    case FrameType.RTTM:
      return {
        type: 'rttm',
        flags,
        sessionId: buf.readInt32LE(offset + 8),
        streamId: buf.readInt32LE(offset + 12),
        echoTimestamp: buf.readBigInt64LE(offset + 16),
        receptionDelta: buf.readBigInt64LE(offset + 24),
        receiverId: buf.readBigInt64LE(offset + 32),
      };
    case FrameType.RSP_SETUP:
      return {
        type: 'rsp-setup',
        flags,
        sessionId: buf.readInt32LE(offset + 8),
        streamId: buf.readInt32LE(offset + 12),
        responseSessionId: buf.readInt32LE(offset + 16),
      };
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
