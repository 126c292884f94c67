/**
 * A Sender and a Receiver joined in memory, on a fake clock: no sockets and no real time, so a
 * test can say exactly when each datagram travels and what each side answered. `filter` may drop
 * or hold back datagrams on their way (a scripted lossy network).
 */
import {
  type Peer,
  Receiver,
  type ReceiverConfig,
  Sender,
  type SenderConfig,
} from '../../src/aeron/index.ts';

export type Direction = 'toReceiver' | 'toSender';
/** Returns false to drop the datagram. */
export type LinkFilter = (datagram: Buffer, direction: Direction) => boolean;

export const PUBLISHER_PEER: Peer = { address: '192.0.2.1', port: 40001 };

export const SENDER_DEFAULTS: SenderConfig = {
  sessionId: 0x1234,
  streamId: 1001,
  initialTermId: 7,
  termLength: 64 * 1024,
  mtu: 1408,
  connectionTimeoutMs: 5000,
  lingerMs: 5000,
  heartbeatIntervalMs: 100,
};

export const RECEIVER_DEFAULTS: ReceiverConfig = {
  streamIds: new Set([1001]),
  receiverId: 0x5eedn,
  reliable: true,
  imageLivenessTimeoutMs: 10_000,
  nakDelayMs: 1,
  nakRetryMs: 10,
  statusIntervalMs: 200,
  maxImages: 16,
  maxTermLength: 64 * 1024 * 1024,
};

export class SimulatedLink {
  nowMs = 0;
  /** Every datagram that left either side, in order (copies), whether or not the filter let it through. */
  readonly sent: { direction: Direction; at: number; bytes: Buffer }[] = [];
  filter: LinkFilter = () => true;

  constructor(
    readonly sender: Sender,
    readonly receiver: Receiver,
  ) {}

  static create(sender: Partial<SenderConfig> = {}, receiver: Partial<ReceiverConfig> = {}): SimulatedLink {
    return new SimulatedLink(
      new Sender({ ...SENDER_DEFAULTS, ...sender }),
      new Receiver({ ...RECEIVER_DEFAULTS, ...receiver }),
    );
  }

  /** Carries queued datagrams both ways, at the current time, until neither side has more to say. */
  deliver(): void {
    for (let round = 0; round < 10_000; round++) {
      const toReceiver = this.sender.outbox.take();
      const toSender = this.receiver.outbox.take();
      if (toReceiver.length === 0 && toSender.length === 0) return;
      for (const { bytes } of toReceiver) {
        this.sent.push({ direction: 'toReceiver', at: this.nowMs, bytes });
        if (this.filter(bytes, 'toReceiver')) this.receiver.onDatagram(bytes, PUBLISHER_PEER, this.nowMs);
      }
      for (const { bytes } of toSender) {
        this.sent.push({ direction: 'toSender', at: this.nowMs, bytes });
        if (this.filter(bytes, 'toSender')) this.sender.onDatagram(bytes, this.nowMs);
      }
    }
    throw new Error('the two sides kept talking without end');
  }

  /** Flushes offers (as the publication does after a burst), then delivers. */
  flush(): void {
    this.sender.sendPending(this.nowMs);
    this.deliver();
  }

  /** Moves the clock on by `ms`, running each side's `doWork` at every deadline on the way. */
  advance(ms: number): void {
    const end = this.nowMs + ms;
    for (let step = 0; step < 1_000_000; step++) {
      const next = Math.min(this.sender.nextDeadline, this.receiver.nextDeadline);
      if (next > end) {
        this.nowMs = end;
        return;
      }
      this.nowMs = Math.max(this.nowMs, next);
      if (this.sender.nextDeadline <= this.nowMs) this.sender.doWork(this.nowMs);
      if (this.receiver.nextDeadline <= this.nowMs) this.receiver.doWork(this.nowMs);
      this.deliver();
    }
    throw new Error('deadlines did not move forward');
  }

  /** Starts both sides (the shells do this when they open) and runs until connected. */
  connect(): void {
    this.sender.doWork(this.nowMs);
    this.receiver.doWork(this.nowMs);
    this.deliver();
    if (!this.sender.isConnected) throw new Error('the sender did not connect');
  }

  /** How many datagrams of a kind went `direction` (decoded by `is`). */
  count(direction: Direction, is: (bytes: Buffer) => boolean): number {
    return this.sent.filter((s) => s.direction === direction && is(s.bytes)).length;
  }
}
