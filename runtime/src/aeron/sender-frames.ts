/**
 * The control frames a sender writes besides its data: SETUP, heartbeats (with or without end of
 * stream) and RTTM replies. Each goes into a fresh buffer, since a socket may still hold the
 * previous one when the next is written.
 */
import { DataFlags, FrameType, HEADER_LENGTH, writeDataHeader } from './data-header.ts';
import { RttmFlags, SETUP_LENGTH } from './frame-lengths.ts';
import { type RttmFrame, writeRttm, writeSetup } from './frames.ts';

export interface StreamIdentity {
  readonly sessionId: number;
  readonly streamId: number;
  readonly initialTermId: number;
  readonly termLength: number;
  readonly mtu: number;
}

/** SETUP: what a receiver needs to build an image, starting at (termId, termOffset). */
export function setupFrame(id: StreamIdentity, termId: number, termOffset: number): Buffer {
  const out = Buffer.alloc(SETUP_LENGTH);
  writeSetup(out, 0, {
    flags: 0,
    termOffset,
    sessionId: id.sessionId,
    streamId: id.streamId,
    initialTermId: id.initialTermId,
    activeTermId: termId,
    termLength: id.termLength,
    mtu: id.mtu,
    ttl: 0,
  });
  return out;
}

/**
 * A heartbeat: a DATA header with frameLength 0 at the sender position, which tells the receiver
 * how far the stream goes (revealing a lost tail); with `eos`, where the stream ends.
 */
export function heartbeatFrame(id: StreamIdentity, termId: number, termOffset: number, eos: boolean): Buffer {
  const out = Buffer.alloc(HEADER_LENGTH);
  const flags = eos ? DataFlags.UNFRAGMENTED | DataFlags.EOS : DataFlags.UNFRAGMENTED;
  writeDataHeader(out, 0, FrameType.DATA, 0, flags, termOffset, id.sessionId, id.streamId, termId);
  return out;
}

/** The reply to an RTTM request: the same frame echoed with the REPLY flag. */
export function rttmReply(request: RttmFrame): Buffer {
  const out = Buffer.alloc(64);
  const length = writeRttm(out, 0, { ...request, flags: RttmFlags.REPLY, receptionDelta: 0n });
  return out.subarray(0, length);
}
