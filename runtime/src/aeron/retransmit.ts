/**
 * Answers NAKs from the publisher's retained terms. A NAK is trusted only where our own
 * frame header says a frame starts, and the same NAK repeated within a couple of
 * milliseconds (a duplicate, or several receivers' worth) is answered once.
 */
import { type DatagramExtent, measureDatagram, type PublisherLog } from './term-buffer.ts';

const LINGER_MS = 2;

export type Send = (buf: Buffer, offset: number, length: number) => void;

export class Retransmitter {
  private readonly recent = new Map<string, number>();
  private readonly extent: DatagramExtent = { advance: 0, wire: 0 };

  /**
   * Resends the frames covering `length` bytes from (`termId`, `termOffset`), never past
   * `sentEnd` (what was sent of that term). Returns the datagrams sent, or −1 for a NAK
   * that does not point at one of our frames.
   */
  answer(
    log: PublisherLog,
    termId: number,
    termOffset: number,
    length: number,
    sentEnd: number,
    send: Send,
  ): number {
    const term = log.partitionFor(termId);
    if (!term || termOffset < 0 || termOffset % 32 !== 0 || length <= 0 || termOffset >= sentEnd) return -1;
    if (
      term.readInt32LE(termOffset + 8) !== termOffset ||
      term.readInt32LE(termOffset + 12) !== log.id.sessionId ||
      term.readInt32LE(termOffset + 20) !== termId
    )
      return -1;
    const key = `${termId}:${termOffset}`;
    const now = performance.now();
    const last = this.recent.get(key);
    if (last !== undefined && now - last < LINGER_MS) return 0;
    if (this.recent.size > 256) this.recent.clear();
    this.recent.set(key, now);
    const end = Math.min(sentEnd, termOffset + length);
    let sent = 0;
    for (let at = termOffset; at < end; ) {
      const { advance, wire } = measureDatagram(term, at, end, log.id.mtu, false, this.extent);
      if (wire === 0) break;
      send(term, at, wire);
      sent++;
      at += advance;
    }
    return sent;
  }
}
