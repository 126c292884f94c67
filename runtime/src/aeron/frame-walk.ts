/**
 * Walking the frames of one datagram: a datagram carries several consecutive frames, each on a
 * 32-byte boundary, and every one of them must be checked and handed over. Nothing is decoded
 * into objects here; the visitor reads the fields it needs in place.
 */
import {
  CURRENT_VERSION,
  FrameType,
  flagsAt,
  frameLengthAt,
  HEADER_LENGTH,
  isFrameAligned,
  MIN_HEADER_LENGTH,
  typeAt,
  versionAt,
} from './data-header.ts';
import {
  ERR_HEADER_LENGTH,
  NAK_LENGTH,
  RSP_SETUP_LENGTH,
  RTTM_LENGTH,
  SETUP_LENGTH,
  SM_LENGTH,
} from './frame-lengths.ts';
import { align } from './position.ts';

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

/** A view of `buf` as a Buffer, without copying. */
export function asBuffer(buf: Uint8Array): Buffer {
  return buf instanceof Buffer ? buf : Buffer.from(buf.buffer, buf.byteOffset, buf.byteLength);
}

/**
 * Walks every frame of a datagram. A frame that is malformed (wrong version, a length
 * that is negative, too short for its type, or runs past the datagram) is counted as
 * invalid and ends the walk, since nothing after it can be trusted. Frames of types this
 * codec does not know are counted and skipped.
 */
export function walkFrames(buf: Uint8Array, length: number, visit: FrameVisitor, out: WalkResult): void {
  const view = asBuffer(buf);
  let offset = 0;
  while (offset + MIN_HEADER_LENGTH <= length) {
    const frameLength = frameLengthAt(view, offset);
    const flags = flagsAt(view, offset);
    const type = typeAt(view, offset);
    if (versionAt(view, offset) !== CURRENT_VERSION || frameLength < 0) {
      out.invalid++;
      return;
    }
    if (type === FrameType.DATA || type === FrameType.PAD) {
      if (offset + HEADER_LENGTH > length) {
        out.invalid++;
        return;
      }
      const bad =
        type === FrameType.DATA
          ? (frameLength !== 0 && frameLength < HEADER_LENGTH) || offset + frameLength > length
          : frameLength < HEADER_LENGTH || !isFrameAligned(frameLength);
      if (bad) {
        out.invalid++;
        return;
      }
      out.frames++;
      if (visit(type, offset, frameLength, flags) === false) return;
      // A PAD carries only its header on the wire; a heartbeat (length 0) is a whole header too.
      offset += type === FrameType.PAD ? HEADER_LENGTH : align(Math.max(frameLength, HEADER_LENGTH));
      continue;
    }
    const min = MIN_LENGTH[type];
    if (frameLength < (min ?? MIN_HEADER_LENGTH) || offset + frameLength > length) {
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
