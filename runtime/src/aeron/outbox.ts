/**
 * The datagrams a sans-IO core wants sent. The sender and receiver state machines never touch a
 * socket: every datagram they produce is queued here (a view into a term buffer, or a fresh
 * control frame), with the peer it goes to, and the shell drains the queue into its socket after
 * each call. Tests drain it into arrays instead. The queue's slots are reused, so the hot path
 * allocates nothing per datagram.
 */

/** Where a datagram goes: opaque to the core, an IP address and port to the shell. */
export interface Peer {
  readonly address: string;
  readonly port: number;
}

export type DatagramSend = (buf: Buffer, offset: number, length: number, to: Peer | undefined) => void;

/** A datagram as a test sees it: a copy of the bytes, and where it was going. */
export interface SentDatagram {
  bytes: Buffer;
  to: Peer | undefined;
}

export class Outbox {
  private bufs: Buffer[] = [];
  private offsets: number[] = [];
  private lengths: number[] = [];
  private peers: (Peer | undefined)[] = [];
  private count = 0;

  /** Datagrams queued and not yet drained. */
  get length(): number {
    return this.count;
  }

  /**
   * Queues `length` bytes of `buf` from `offset`. The bytes are not copied: the caller must not
   * change them before the next drain (term buffers are only reused three terms later, and
   * control frames are written into fresh buffers).
   */
  push(buf: Buffer, offset: number, length: number, to?: Peer): void {
    const i = this.count++;
    this.bufs[i] = buf;
    this.offsets[i] = offset;
    this.lengths[i] = length;
    this.peers[i] = to;
  }

  /** Hands every queued datagram to `send`, in order, and empties the queue; returns how many. */
  drain(send: DatagramSend): number {
    const n = this.count;
    // Reset first: a send that throws must not leave datagrams to be sent twice.
    this.count = 0;
    for (let i = 0; i < n; i++) {
      send(this.bufs[i]!, this.offsets[i]!, this.lengths[i]!, this.peers[i]);
      this.bufs[i] = EMPTY; // let the buffer go
    }
    return n;
  }

  /** Drains into copies, for tests and tools. */
  take(): SentDatagram[] {
    const out: SentDatagram[] = [];
    this.drain((buf, offset, length, to) => {
      out.push({ bytes: Buffer.from(buf.subarray(offset, offset + length)), to });
    });
    return out;
  }
}

const EMPTY = Buffer.alloc(0);
