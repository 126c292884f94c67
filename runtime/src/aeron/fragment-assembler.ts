/**
 * Reassembly of fragmented messages for one image: a message longer than MTU − 32 arrives as
 * frames flagged BEGIN, (middle), END, and is handed to the handler whole, from a buffer that
 * grows to the largest message seen. Unfragmented messages are handed over in place.
 */
import { DataFlags, flagsAt, HEADER_LENGTH, PAYLOAD_OFFSET } from './data-header.ts';

/**
 * What a handler may answer for a message: ABORT leaves it (and everything after it) in the
 * image, to be delivered again by a later poll — Aeron's controlled poll, for a consumer whose
 * buffer is full.
 */
export const ABORT = 'abort';

/** deliver(): the frame did not complete a message. */
export const PARTIAL = -1;
/** deliver(): the handler refused the message; the frame stays unconsumed. */
export const ABORTED = -2;

export class FragmentAssembler {
  private assembly = Buffer.alloc(0);
  /** Bytes assembled so far, or −1 outside a message (or inside one whose beginning was missed). */
  private assembled = -1;

  /** Hands over the message this frame completes, if any; returns its length, PARTIAL or ABORTED. */
  deliver<T>(
    term: Buffer,
    at: number,
    frameLength: number,
    handler: (message: Buffer, owner: T) => unknown,
    owner: T,
  ): number {
    const flags = flagsAt(term, at);
    const payloadLength = frameLength - HEADER_LENGTH;
    if ((flags & DataFlags.UNFRAGMENTED) === DataFlags.UNFRAGMENTED) {
      this.assembled = -1;
      if (handler(term.subarray(at + PAYLOAD_OFFSET, at + frameLength), owner) === ABORT) return ABORTED;
      return payloadLength;
    }
    if ((flags & DataFlags.BEGIN) !== 0) {
      this.assembled = 0;
      this.append(term, at + PAYLOAD_OFFSET, payloadLength);
    } else if (this.assembled >= 0) {
      this.append(term, at + PAYLOAD_OFFSET, payloadLength);
      if ((flags & DataFlags.END) !== 0) {
        const length = this.assembled;
        this.assembled = -1;
        if (handler(this.assembly.subarray(0, length), owner) === ABORT) {
          this.assembled = length - payloadLength; // take the last fragment back: it comes again
          return ABORTED;
        }
        return length;
      }
    }
    return PARTIAL;
  }

  private append(term: Buffer, from: number, length: number): void {
    const need = this.assembled + length;
    if (need > this.assembly.length) {
      const grown = Buffer.allocUnsafe(Math.max(need, this.assembly.length * 2, 4096));
      this.assembly.copy(grown, 0, 0, this.assembled);
      this.assembly = grown;
    }
    term.copy(this.assembly, this.assembled, from, from + length);
    this.assembled = need;
  }
}
