/**
 * A Publication: the sending side of one Aeron stream, driver-less. A thin shell over the
 * `Sender` state machine (sender.ts): it owns the UDP socket, the one timer and the promises
 * callers wait on, reads the clock once per event, and sends whatever the sender queued.
 */
import type dgram from 'node:dgram';
import { type Clock, systemClock } from './clock.ts';
import type { AeronCounters } from './counters.ts';
import { DeadlineTimer } from './deadline-timer.ts';
import { BACK_PRESSURED } from './offer-results.ts';
import type { RetransmitOptions } from './retransmit.ts';
import { Sender } from './sender.ts';
import { bindSocket, randomInt32, resolveHost } from './udp.ts';
import { type ChannelUri, parseChannelUri } from './uri.ts';
import { Waiters } from './waiters.ts';

export { BACK_PRESSURED, CLOSED, MAX_POSITION_EXCEEDED, NOT_CONNECTED } from './offer-results.ts';

export interface PublicationOptions {
  /** Local address to bind (default 127.0.0.1 for a loopback endpoint, else 0.0.0.0). */
  bindAddress?: string;
  /** Time without a status message after which the publication counts as not connected (ms, default 5000). */
  connectionTimeoutMs?: number;
  /** How long `close()` waits for the receiver to acknowledge end of stream (ms, default 5000 or the URI's linger). */
  lingerMs?: number;
  /** Interval of SETUP frames while unconnected and of heartbeats while idle (ms, default 100). */
  heartbeatIntervalMs?: number;
  /** NAK answering: delay before a resend and linger after it (ms, defaults 0 and 2). */
  retransmit?: Partial<RetransmitOptions>;
  /** The clock (ms, monotonic); tests may pass their own. */
  clock?: Clock;
}

export class Publication {
  readonly sessionId: number;
  readonly streamId: number;
  readonly initialTermId: number;
  readonly termLength: number;
  readonly mtu: number;
  readonly maxMessageLength: number;

  private readonly sender: Sender;
  private readonly clock: Clock;
  private readonly timer: DeadlineTimer;
  private readonly waiters = new Waiters();
  private readonly send = (buf: Buffer, offset: number, length: number) => {
    this.socket.send(buf, offset, length);
  };
  private flushQueued = false;
  private socketClosed = false;
  private closeResolve: (() => void) | undefined;
  private socketError: string | undefined;

  private constructor(
    readonly channel: ChannelUri,
    private readonly socket: dgram.Socket,
    streamId: number,
    options: PublicationOptions,
  ) {
    this.clock = options.clock ?? systemClock;
    this.timer = new DeadlineTimer(this.clock, () => this.run((now) => this.sender.doWork(now)));
    const initialTermId = channel.initialTermId ?? randomInt32();
    this.sender = new Sender({
      sessionId: channel.sessionId ?? randomInt32(),
      streamId,
      initialTermId,
      termLength: channel.termLength,
      mtu: channel.mtu,
      termId: channel.termId ?? initialTermId,
      termOffset: channel.termOffset ?? 0,
      connectionTimeoutMs: options.connectionTimeoutMs ?? 5000,
      lingerMs: options.lingerMs ?? channel.lingerMs ?? 5000,
      heartbeatIntervalMs: options.heartbeatIntervalMs ?? 100,
      retransmit: { delayMs: 0, lingerMs: 2, maxActions: 64, ...options.retransmit },
    });
    this.sender.onChange = () => this.waiters.wakeAll();
    this.sessionId = this.sender.config.sessionId;
    this.initialTermId = initialTermId;
    this.termLength = channel.termLength;
    this.streamId = streamId;
    this.mtu = channel.mtu;
    this.maxMessageLength = this.sender.maxMessageLength;
    socket.on('message', (msg) => this.run((now) => this.sender.onDatagram(msg, now)));
    // Without a callback per send, a failed send surfaces here (e.g. ICMP port unreachable).
    socket.on('error', (error) => {
      this.socketError = error.message;
    });
    this.run((now) => this.sender.doWork(now));
  }

  /** Opens a publication on `channel` (an `aeron:udp?endpoint=…` URI) for `streamId`. */
  static async open(
    channel: string | ChannelUri,
    streamId: number,
    options: PublicationOptions = {},
  ): Promise<Publication> {
    const uri = typeof channel === 'string' ? parseChannelUri(channel) : channel;
    if (!Number.isInteger(streamId) || streamId < -(2 ** 31) || streamId > 2 ** 31 - 1)
      throw new RangeError(`stream id ${streamId} is not an int32`);
    const address = await resolveHost(uri.host);
    const bindAddress = options.bindAddress ?? (address.startsWith('127.') ? '127.0.0.1' : '0.0.0.0');
    // Connected: every datagram goes to the endpoint, and only the endpoint's answers come back.
    // A connected socket also sends without a name lookup per datagram.
    const socket = await bindSocket(bindAddress, 0, { address, port: uri.port });
    return new Publication(uri, socket, streamId, options);
  }

  get counters(): AeronCounters {
    return this.sender.counters;
  }

  /** Set when a receiver sent an ERR frame, or the socket reported an error. */
  get lastError(): string | undefined {
    return this.sender.lastError ?? this.socketError;
  }

  /** True while a receiver has sent a status message within the connection timeout. */
  get isConnected(): boolean {
    return this.sender.isConnected;
  }

  get isClosed(): boolean {
    return this.sender.state !== 'open';
  }

  /** The position after the last offered byte. */
  get position(): bigint {
    return this.sender.position;
  }

  /** The position up to which the receiver has consumed, from its last status message. */
  get receiverPosition(): bigint {
    return this.sender.receiverPosition;
  }

  /** The local port the publication sends from and receives control frames on. */
  get localPort(): number {
    return this.socket.address().port;
  }

  /**
   * Offers one message. Returns the new stream position (> 0) when the message was
   * written, or NOT_CONNECTED, BACK_PRESSURED or CLOSED; nothing is buffered beyond the
   * term window, so a refused offer is the caller's to retry (see `waitForVacancy`).
   */
  offer(message: Uint8Array, offset = 0, length = message.length - offset, reservedValue = 0n): bigint {
    const result = this.sender.offer(message, offset, length, reservedValue);
    // A full datagram's worth goes out at once; the rest when this synchronous run ends, so a
    // burst of small offers fills whole datagrams and a lone message leaves without delay.
    if (result > 0n) {
      if (this.sender.hasFullDatagram) this.flush();
      else this.scheduleFlush();
    } else if (result === BACK_PRESSURED) this.scheduleFlush(); // what waits may still go within the window
    return result;
  }

  /**
   * Resolves true once an offer might succeed (the receiver's window moved, or the
   * publication connected), false when `timeoutMs` passed or the publication closed.
   */
  waitForVacancy(timeoutMs = 1000): Promise<boolean> {
    if (this.sender.state !== 'open') return Promise.resolve(false);
    return this.waiters.wait(timeoutMs, () => this.sender.state === 'open');
  }

  /** Resolves true once connected, false after `timeoutMs`. */
  async waitForConnection(timeoutMs = 5000): Promise<boolean> {
    const end = this.clock() + timeoutMs;
    while (!this.isConnected) {
      const left = end - this.clock();
      if (left <= 0 || this.sender.state !== 'open') return false;
      await this.waitForVacancy(left);
    }
    return true;
  }

  private flush(): void {
    if (this.socketClosed) return;
    this.sender.sendPending(this.clock());
    this.afterStep();
  }

  private scheduleFlush(): void {
    // Many offers in one synchronous run share one flush.
    if (this.flushQueued) return;
    this.flushQueued = true;
    queueMicrotask(() => {
      this.flushQueued = false;
      this.flush();
    });
  }

  /** Runs one step of the sender at the current time, then sends what it queued and re-arms the timer. */
  private run(step: (nowMs: number) => void): void {
    if (this.socketClosed) return;
    step(this.clock());
    this.afterStep();
  }

  /** Sends what the sender queued, then closes the socket if the sender is done, else re-arms the timer. */
  private afterStep(): void {
    this.sender.outbox.drain(this.send);
    if (this.sender.state === 'closed') this.closeSocket();
    else this.timer.wakeBy(this.sender.nextDeadline);
  }

  /**
   * Closes the publication: everything offered is still sent, then end-of-stream
   * heartbeats until the receiver acknowledges them or the linger time passes.
   */
  close(): Promise<void> {
    if (this.socketClosed) return Promise.resolve();
    return new Promise((resolve) => {
      const previous = this.closeResolve;
      this.closeResolve = () => {
        previous?.();
        resolve();
      };
      this.run((now) => this.sender.close(now));
    });
  }

  /** Stops at once without end-of-stream, as if the process died (for tests of a publisher crash). */
  abort(): void {
    this.run(() => this.sender.abort());
  }

  private closeSocket(): void {
    if (this.socketClosed) return;
    this.socketClosed = true;
    this.timer.cancel();
    this.waiters.wakeAll();
    this.socket.close();
    this.closeResolve?.();
    this.closeResolve = undefined;
  }
}
