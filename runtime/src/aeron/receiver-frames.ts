/**
 * The frames a receiver writes (status messages, NAKs, the request for SETUP, RTTM replies) and
 * the check a SETUP must pass before it may create an image. Each frame goes into a fresh
 * buffer, since a socket may still hold the previous one when the next is written.
 */
import { HEADER_LENGTH, isFrameAligned } from './data-header.ts';
import { NAK_LENGTH, RTTM_LENGTH, RttmFlags, SM_LENGTH, StatusFlags } from './frame-lengths.ts';
import { type RttmFrame, type SetupFrame, writeNak, writeRttm, writeStatus } from './frames.ts';
import type { Gap, Image } from './image.ts';
import { isValidTermLength } from './position.ts';
import { MAX_UDP_MTU } from './uri.ts';

/** A status message for `image`: its consumption position and window. */
export function statusFrame(image: Image, flags: number, receiverId: bigint): Buffer {
  const out = Buffer.alloc(SM_LENGTH);
  writeStatus(out, 0, {
    flags,
    sessionId: image.sessionId,
    streamId: image.streamId,
    consumptionTermId: image.consumptionTermId,
    consumptionTermOffset: image.consumptionTermOffset,
    receiverWindow: image.receiverWindow,
    receiverId,
  });
  return out;
}

/** The all-zero SM with SEND_SETUP, asking the publisher of an unknown session for SETUP. */
export function setupRequestFrame(sessionId: number, streamId: number): Buffer {
  const out = Buffer.alloc(SM_LENGTH);
  writeStatus(out, 0, {
    flags: StatusFlags.SEND_SETUP,
    sessionId,
    streamId,
    consumptionTermId: 0,
    consumptionTermOffset: 0,
    receiverWindow: 0,
    receiverId: 0n,
  });
  return out;
}

/** A NAK for one gap of `image`. */
export function nakFrame(image: Image, gap: Gap): Buffer {
  const out = Buffer.alloc(NAK_LENGTH);
  writeNak(out, 0, {
    sessionId: image.sessionId,
    streamId: image.streamId,
    termId: gap.termId,
    termOffset: gap.termOffset,
    length: gap.length,
  });
  return out;
}

/** The reply to an RTTM request, carrying this receiver's id. */
export function rttmReplyFrame(request: RttmFrame, receiverId: bigint): Buffer {
  const out = Buffer.alloc(RTTM_LENGTH);
  writeRttm(out, 0, { ...request, flags: RttmFlags.REPLY, receiverId });
  return out;
}

/**
 * True when a SETUP describes a stream this receiver can hold: a valid term length no larger
 * than `maxTermLength`, an MTU that fits UDP and the term, a start offset on a frame boundary.
 */
export function isAcceptableSetup(frame: SetupFrame, maxTermLength: number): boolean {
  return (
    isValidTermLength(frame.termLength) &&
    frame.termLength <= maxTermLength &&
    frame.mtu > HEADER_LENGTH &&
    frame.mtu <= MAX_UDP_MTU &&
    isFrameAligned(frame.mtu) &&
    frame.mtu <= frame.termLength / 2 &&
    frame.termOffset >= 0 &&
    frame.termOffset < frame.termLength &&
    isFrameAligned(frame.termOffset)
  );
}

/**
 * When each request (a NAK for a gap, SETUP for a session) was last made, so that the same one
 * is repeated only after an interval. The memory is bounded against floods of made-up ids: past
 * `maxEntries` it starts afresh (at worst, a request is repeated early).
 */
export class RequestMemory<K> {
  private readonly times = new Map<K, number>();

  constructor(private readonly maxEntries: number) {}

  /** True, and remembered, when `key` was not asked for within `intervalMs` before `nowMs`. */
  mayAsk(key: K, nowMs: number, intervalMs: number): boolean {
    const last = this.times.get(key);
    if (last !== undefined && nowMs - last < intervalMs) return false;
    if (this.times.size > this.maxEntries) this.times.clear();
    this.times.set(key, nowMs);
    return true;
  }
}
