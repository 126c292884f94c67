/**
 * The protocol's own work per message, without a socket: a Sender and a Receiver (the sans-IO
 * state machines a Publication and a Subscription wrap) joined in memory, on a fake clock. Set
 * beside the CPU each process spent per message on the wire, it tells how much of that is Aeron
 * and how much is Node's `dgram` and the kernel, whatever the day's machine does to the totals.
 *
 * Each datagram reaches the receiver as a copy of its own, as a socket hands over a fresh buffer;
 * the copy is the socket's work, so it is timed by neither side.
 */
import { type Peer, Receiver, Sender } from '../../src/aeron/index.ts';
import { DEFAULT_TERM_LENGTH } from '../../src/aeron/uri.ts';

export interface CoreCost {
  readonly messages: number;
  /** Offers, sending what they wrote, and taking the receiver's status messages, per message. */
  readonly senderNs: number;
  /** Taking each data datagram in, delivering its message and answering with status messages, per message. */
  readonly receiverNs: number;
}

const PUBLISHER: Peer = { address: '127.0.0.1', port: 40_001 };
/** Offers between two hand-overs: as the bench's publisher, a burst at a time. */
const BURST = 100;

/** Times `messages` messages of `length` bytes through a Sender and a Receiver at `mtu`. */
export function coreCostPerMessage(length: number, mtu: number, messages: number): CoreCost {
  const sender = new Sender({
    sessionId: 0x5eed,
    streamId: 1001,
    initialTermId: 7,
    termLength: DEFAULT_TERM_LENGTH,
    mtu,
    connectionTimeoutMs: 5000,
    lingerMs: 0,
    heartbeatIntervalMs: 100,
  });
  let delivered = 0;
  let deliveredBytes = 0;
  const receiver = new Receiver({
    streamIds: new Set([1001]),
    receiverId: 1n,
    reliable: true,
    imageLivenessTimeoutMs: 10_000,
    nakDelayMs: 1,
    nakRetryMs: 10,
    statusIntervalMs: 200,
    maxImages: 1,
    maxTermLength: DEFAULT_TERM_LENGTH,
    onMessage: (message) => {
      delivered++;
      deliveredBytes += message.length;
    },
  });
  let now = 0;
  // What the sender sent (views into its term), then the copies the receiver is handed.
  const sent: Buffer[] = [];
  let inFlight: Buffer[] = [];
  const toReceiver = (buf: Buffer, offset: number, length: number) =>
    sent.push(buf.subarray(offset, offset + length));
  const copy = () => {
    inFlight = sent.map((view) => Buffer.from(view));
    sent.length = 0;
  };
  const toSender = (buf: Buffer, offset: number, length: number) =>
    sender.onDatagram(buf.subarray(offset, offset + length), now);
  const receive = () => {
    for (const datagram of inFlight) receiver.onDatagram(datagram, PUBLISHER, now);
  };
  const carry = () => {
    sender.outbox.drain(toReceiver);
    copy();
    receive();
    receiver.outbox.drain(toSender);
  };
  // SETUP, the receiver's status message: connected.
  for (let i = 0; i < 10 && !sender.isConnected; i++) {
    now += 10;
    sender.doWork(now);
    carry();
  }
  if (!sender.isConnected) throw new Error('core cost: the sender never connected');

  const message = Buffer.alloc(length, 0x5a);
  let offered = 0;
  let senderNs = 0n;
  let receiverNs = 0n;
  // Until every message has arrived: offers run ahead of what the receiver's window lets go.
  for (let rounds = 0; delivered < messages; rounds++) {
    if (rounds > messages) throw new Error(`core cost: stuck after ${delivered} of ${messages} messages`);
    const start = process.hrtime.bigint();
    for (let i = 0; i < BURST && offered < messages; i++) {
      if (sender.offer(message, 0, length) > 0n) offered++;
      else break; // the window is shut until the status messages below open it
    }
    sender.sendPending(now);
    sender.outbox.drain(toReceiver);
    const offeredAndSent = process.hrtime.bigint();
    copy(); // the socket's work: timed by neither side
    const handedOver = process.hrtime.bigint();
    receive();
    const received = process.hrtime.bigint();
    receiver.outbox.drain(toSender);
    senderNs += offeredAndSent - start + (process.hrtime.bigint() - received);
    receiverNs += received - handedOver;
    now += 0.01;
  }
  if (delivered !== messages || deliveredBytes !== messages * length)
    throw new Error(`core cost: ${messages} messages offered, ${delivered} delivered (${deliveredBytes} B)`);
  return { messages, senderNs: Number(senderNs) / messages, receiverNs: Number(receiverNs) / messages };
}
