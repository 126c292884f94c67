/**
 * A Subscription: the receiving side of one or more streams on one endpoint, driver-less. A thin
 * shell over the `Receiver` state machine (receiver.ts): it binds the endpoint's UDP socket, owns
 * the one timer and the promises callers wait on, reads the clock once per event, and sends
 * whatever the receiver queued to the peers it names.
 */
import type dgram from 'node:dgram';
import { type Clock, systemClock } from './clock.ts';
import type { AeronCounters } from './counters.ts';
import { DeadlineTimer } from './deadline-timer.ts';
import type { Image, ImageEnd, MessageHandler } from './image.ts';
import type { Peer } from './outbox.ts';
import { DEFAULT_RECEIVER_WINDOW } from './position.ts';
import { Receiver } from './receiver.ts';
import { bindSocket, randomInt64, resolveHost } from './udp.ts';
import { type ChannelUri, ChannelUriError, parseChannelUri } from './uri.ts';
import { Waiters } from './waiters.ts';

export interface SubscriptionOptions {
  /** Receives every whole message as it arrives; without it, call `poll`. */
  onMessage?: MessageHandler;
  onAvailableImage?: (image: Image) => void;
  onUnavailableImage?: (image: Image, reason: ImageEnd) => void;
  /** An image with no frames for this long is dropped (ms, default 10000). */
  imageLivenessTimeoutMs?: number;
  /** Wait before the first NAK for a gap, so reordered packets can arrive (ms, default 1). */
  nakDelayMs?: number;
  /** Wait before NAKing the same gap again (ms, default 10). */
  nakRetryMs?: number;
  /** Status message interval while idle (ms, default 200). */
  statusIntervalMs?: number;
  /** At most this many images at once; further sessions are refused (default 64). */
  maxImages?: number;
  /** Refuse publishers whose term length is larger (default 64 MiB; an image holds up to 3 terms). */
  maxTermLength?: number;
  /** Address to bind instead of the endpoint's host (e.g. 0.0.0.0). */
  bindAddress?: string;
  /** The clock (ms, monotonic); tests may pass their own. */
  clock?: Clock;
}

export class Subscription {
  private readonly receiver: Receiver;
  private readonly clock: Clock;
  private readonly timer: DeadlineTimer;
  private readonly waiters = new Waiters();
  private readonly send = (buf: Buffer, offset: number, length: number, to: Peer | undefined) => {
    if (to !== undefined) this.socket.send(buf, offset, length, to.port, to.address);
  };
  private closed = false;

  private constructor(
    readonly channel: ChannelUri,
    /** The first stream id (for single-stream subscriptions). */
    readonly streamId: number,
    /** Every stream id this subscription receives. */
    readonly streamIds: ReadonlySet<number>,
    private readonly socket: dgram.Socket,
    options: SubscriptionOptions,
  ) {
    this.clock = options.clock ?? systemClock;
    this.timer = new DeadlineTimer(this.clock, () => this.run((now) => this.receiver.doWork(now)));
    this.receiver = new Receiver({
      streamIds,
      receiverId: randomInt64(),
      reliable: channel.reliable,
      imageLivenessTimeoutMs: options.imageLivenessTimeoutMs ?? 10_000,
      nakDelayMs: options.nakDelayMs ?? 1,
      nakRetryMs: options.nakRetryMs ?? 10,
      statusIntervalMs: options.statusIntervalMs ?? 200,
      maxImages: options.maxImages ?? 64,
      maxTermLength: options.maxTermLength ?? 64 * 1024 * 1024,
      receiverWindow: channel.receiverWindow,
      onMessage: options.onMessage,
      onAvailableImage: options.onAvailableImage,
      onUnavailableImage: options.onUnavailableImage,
    });
    this.receiver.onChange = () => this.waiters.wakeAll();
    // rinfo has the address and port of the sender: it is the peer the answers go to.
    socket.on('message', (msg, rinfo) => this.onSocketMessage(msg, rinfo));
    // Without a callback per send, a failed send (an ICMP error from a vanished publisher) lands here.
    socket.on('error', () => {});
  }

  /** Binds the channel's endpoint (port 0 picks a free port: see `localPort`) for `streamIds`. */
  static async open(
    channel: string | ChannelUri,
    streamIds: number | readonly number[],
    options: SubscriptionOptions = {},
  ): Promise<Subscription> {
    const uri = typeof channel === 'string' ? parseChannelUri(channel) : channel;
    // One endpoint may carry several streams (as a media driver's receive endpoint does).
    const ids = typeof streamIds === 'number' ? [streamIds] : [...streamIds];
    if (ids.length === 0) throw new RangeError('a subscription needs at least one stream id');
    for (const streamId of ids)
      if (!Number.isInteger(streamId) || streamId < -(2 ** 31) || streamId > 2 ** 31 - 1)
        throw new RangeError(`stream id ${streamId} is not an int32`);
    const address = options.bindAddress ?? (await resolveHost(uri.host));
    const socket = await bindSocket(address, uri.port, undefined, uri.socketRcvbuf);
    try {
      checkWindowFits(uri, socket.getRecvBufferSize());
    } catch (error) {
      socket.close();
      throw error;
    }
    return new Subscription(uri, ids[0]!, new Set(ids), socket, options);
  }

  get counters(): AeronCounters {
    return this.receiver.counters;
  }

  get receiverId(): bigint {
    return this.receiver.config.receiverId;
  }

  /** The bound port (useful with `endpoint=127.0.0.1:0`). */
  get localPort(): number {
    return this.socket.address().port;
  }

  /** The images that have not ended. */
  get activeImages(): Image[] {
    return this.receiver.activeImages;
  }

  get isConnected(): boolean {
    return this.activeImages.length > 0;
  }

  get isClosed(): boolean {
    return this.closed;
  }

  /**
   * Delivers up to `fragmentLimit` frames' worth of whole messages from every image, in
   * order per image, and returns the number of frames consumed. A handler that answers ABORT
   * leaves that message, and the rest of its image, for a later poll.
   */
  poll(handler: MessageHandler, fragmentLimit = 256): number {
    return this.run((now) => this.receiver.poll(handler, fragmentLimit, now)) ?? 0;
  }

  /** Resolves true when data may be ready to poll (or an image changed), false after `timeoutMs` or on close. */
  waitForData(timeoutMs = 1000): Promise<boolean> {
    if (this.closed) return Promise.resolve(false);
    if (this.receiver.hasData) return Promise.resolve(true);
    return this.waiters.wait(timeoutMs, () => !this.closed);
  }

  /**
   * Runs one step of the receiver at the current time, then sends what it queued (even when a
   * message handler threw) and re-arms the timer.
   */
  private run<T>(step: (nowMs: number) => T): T | undefined {
    if (this.closed) return undefined;
    try {
      return step(this.clock());
    } finally {
      this.receiver.outbox.drain(this.send);
      this.timer.wakeBy(this.receiver.nextDeadline);
    }
  }

  /** The hot path: one datagram from the socket, handled without a closure per datagram. */
  private onSocketMessage(msg: Buffer, from: Peer): void {
    if (this.closed) return;
    try {
      this.receiver.onDatagram(msg, from, this.clock());
    } finally {
      this.receiver.outbox.drain(this.send);
      this.timer.wakeBy(this.receiver.nextDeadline);
    }
  }

  /** Unbinds the endpoint; images end with reason 'closed'. */
  close(): Promise<void> {
    if (this.closed) return Promise.resolve();
    this.closed = true;
    this.timer.cancel();
    this.receiver.close();
    this.waiters.wakeAll();
    return new Promise((resolve) => this.socket.close(() => resolve()));
  }
}

const kib = (bytes: number) => `${Math.round(bytes / 1024)} KiB`;

/**
 * A full window must fit the socket's receive buffer, or the datagrams beyond it are dropped and
 * then NAKed again and again (Aeron's driver refuses the same configuration). `granted` is the
 * size the system reports (Linux reports twice what it sets aside for data, and caps what is
 * asked at `net.core.rmem_max`).
 */
function checkWindowFits(uri: ChannelUri, granted: number): void {
  const window = uri.receiverWindow ?? DEFAULT_RECEIVER_WINDOW;
  if (window <= granted) return;
  throw new ChannelUriError(
    uri.text,
    'rcv-wnd',
    `a window of ${kib(window)} does not fit the socket's receive buffer (${kib(granted)} as the system granted it): ` +
      'lower rcv-wnd, or raise so-rcvbuf (on Linux the system caps it at net.core.rmem_max)',
  );
}
