/**
 * A Publication: the sending side of one Aeron stream, driver-less. It appends messages
 * to its term buffers, sends them to the endpoint within the receiver's window, answers
 * NAKs from the retained terms, sends SETUP until a receiver answers and heartbeats when
 * idle, and on close sends end-of-stream until the receiver acknowledges it.
 */
import type dgram from 'node:dgram';
import { type AeronCounters, newCounters } from './counters.ts';
import { DeadlineTimer } from './deadline-timer.ts';
import {
  DATA_HEADER_LENGTH,
  DataFlags,
  RttmFlags,
  readFrame,
  StatusFlags,
  type WalkResult,
  walkFrames,
  writeDataHeader,
  writeRttm,
  writeSetup,
} from './frames.ts';
import { computePosition, maxMessageLength, termIdDelta } from './position.ts';
import { Retransmitter } from './retransmit.ts';
import { type DatagramExtent, measureDatagram, PublisherLog } from './term-buffer.ts';
import { bindSocket, randomInt32, resolveHost } from './udp.ts';
import { type ChannelUri, parseChannelUri } from './uri.ts';
import { Waiters } from './waiters.ts';

/** `offer` results that are not positions (negative, as in Aeron). */
export const NOT_CONNECTED = -1n;
export const BACK_PRESSURED = -2n;
export const CLOSED = -4n;
export const MAX_POSITION_EXCEEDED = -5n;

export interface PublicationOptions {
  /** Local address to bind (default 127.0.0.1 for a loopback endpoint, else 0.0.0.0). */
  bindAddress?: string;
  /** Time without a status message after which the publication counts as not connected (ms, default 5000). */
  connectionTimeoutMs?: number;
  /** How long `close()` waits for the receiver to acknowledge end of stream (ms, default 5000 or the URI's linger). */
  lingerMs?: number;
  /** Interval of SETUP frames while unconnected and of heartbeats while idle (ms, default 100). */
  heartbeatIntervalMs?: number;
}

export class Publication {
  readonly counters: AeronCounters = newCounters();
  readonly sessionId: number;
  readonly streamId: number;
  readonly initialTermId: number;
  readonly termLength: number;
  readonly mtu: number;
  readonly maxMessageLength: number;
  /** Set when a receiver sent an ERR frame. */
  lastError: string | undefined;

  private readonly log: PublisherLog;
  private readonly timer = new DeadlineTimer(() => this.onTimer());
  private readonly walk: WalkResult = { frames: 0, invalid: 0, unknown: 0 };
  private readonly connectionTimeoutMs: number;
  private readonly lingerMs: number;
  private readonly heartbeatMs: number;

  // Sender position as (term id, offset): numbers on the hot path.
  private senderTermId: number;
  private senderOffset: number;
  // The receiver's consumption position and window, from the latest status message.
  private smPosition: bigint;
  private receiverWindow = 0;
  private receiverId: bigint | undefined;
  // Where the sender may send to, and where offers may write to, relative to the
  // start of the sender's and the tail's term respectively (recomputed on each change).
  private senderLimitOffset = 0;
  private tailLimitOffset = 0;

  private connected = false;
  private lastSmAt = Number.NEGATIVE_INFINITY;
  private shouldSendSetup = true;
  private lastSetupAt = Number.NEGATIVE_INFINITY;
  private lastSendAt = Number.NEGATIVE_INFINITY;
  private stalled = false;
  private flushQueued = false;
  private state: 'open' | 'closing' | 'closed' = 'open';
  private eosPosition: bigint | undefined;
  private eosAcknowledged = false;
  private eosSent = false;
  private closeDeadline = 0;
  private closeResolve: (() => void) | undefined;
  private readonly waiters = new Waiters();
  private readonly retransmitter = new Retransmitter();
  private readonly extent: DatagramExtent = { advance: 0, wire: 0 };

  private constructor(
    readonly channel: ChannelUri,
    private readonly socket: dgram.Socket,
    private readonly endpointAddress: string,
    streamId: number,
    options: PublicationOptions,
  ) {
    this.streamId = streamId;
    this.sessionId = channel.sessionId ?? randomInt32();
    this.termLength = channel.termLength;
    this.mtu = channel.mtu;
    this.maxMessageLength = maxMessageLength(this.termLength);
    this.initialTermId = channel.initialTermId ?? randomInt32();
    const termId = channel.termId ?? this.initialTermId;
    const termOffset = channel.termOffset ?? 0;
    this.log = new PublisherLog(
      {
        sessionId: this.sessionId,
        streamId,
        initialTermId: this.initialTermId,
        termLength: this.termLength,
        mtu: this.mtu,
      },
      termId,
      termOffset,
    );
    this.senderTermId = termId;
    this.senderOffset = termOffset;
    this.smPosition = this.log.tailPosition;
    this.connectionTimeoutMs = options.connectionTimeoutMs ?? 5000;
    this.lingerMs = options.lingerMs ?? channel.lingerMs ?? 5000;
    this.heartbeatMs = options.heartbeatIntervalMs ?? 100;
    socket.on('message', (msg) => this.onDatagram(msg));
    socket.on('error', (error) => {
      this.lastError = error.message;
    });
    this.onTimer();
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
    const socket = await bindSocket(bindAddress, 0);
    return new Publication(uri, socket, address, streamId, options);
  }

  /** True while a receiver has sent a status message within the connection timeout. */
  get isConnected(): boolean {
    return this.connected && this.state === 'open';
  }

  get isClosed(): boolean {
    return this.state !== 'open';
  }

  /** The position after the last offered byte. */
  get position(): bigint {
    return this.log.tailPosition;
  }

  /** The position up to which the receiver has consumed, from its last status message. */
  get receiverPosition(): bigint {
    return this.smPosition;
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
    if (this.state !== 'open') return CLOSED;
    if (!this.connected) return NOT_CONNECTED;
    if (length > this.maxMessageLength)
      throw new RangeError(`message of ${length} bytes exceeds the maximum of ${this.maxMessageLength}`);
    if (length < 0 || offset < 0 || offset + length > message.length)
      throw new RangeError(
        `offset ${offset} and length ${length} do not fit a ${message.length}-byte buffer`,
      );
    const log = this.log;
    const required = log.spaceFor(length);
    let tail = log.tailOffset;
    // The position is (term count << shift) + offset with an int32 term count: it ends at 2^31 terms.
    if (tail + required >= this.termLength && termIdDelta((log.activeTermId + 1) | 0, this.initialTermId) < 0)
      return MAX_POSITION_EXCEEDED;
    if (tail + required > this.termLength) {
      // The message does not fit in what is left of the term: pad it out and rotate, if
      // the limit allows the padding and the message after it.
      if (this.termLength + required > this.tailLimitOffset) return this.backPressured();
      log.padAndRotate();
      this.tailLimitOffset -= this.termLength;
      tail = 0;
    }
    if (tail + required > this.tailLimitOffset) return this.backPressured();
    const termBefore = log.activeTermId;
    log.append(message, offset, length, reservedValue);
    if (log.activeTermId !== termBefore) this.tailLimitOffset -= this.termLength;
    this.counters.messagesSent++;
    // A full datagram's worth goes out at once; the rest when this synchronous run ends.
    if (log.activeTermId !== this.senderTermId || log.tailOffset - this.senderOffset >= this.mtu)
      this.sendPending();
    else this.scheduleFlush();
    return log.tailPosition;
  }

  private backPressured(): bigint {
    this.counters.backPressured++;
    this.scheduleFlush();
    return BACK_PRESSURED;
  }

  /**
   * Resolves true once an offer might succeed (the receiver's window moved, or the
   * publication connected), false when `timeoutMs` passed or the publication closed.
   */
  waitForVacancy(timeoutMs = 1000): Promise<boolean> {
    if (this.state !== 'open') return Promise.resolve(false);
    return this.waiters.wait(timeoutMs, () => this.state === 'open');
  }

  /** Resolves true once connected, false after `timeoutMs`. */
  async waitForConnection(timeoutMs = 5000): Promise<boolean> {
    const end = performance.now() + timeoutMs;
    while (!this.isConnected) {
      const left = end - performance.now();
      if (left <= 0 || this.state !== 'open') return false;
      await this.waitForVacancy(left);
    }
    return true;
  }

  private scheduleFlush(): void {
    // Many offers in one synchronous run share one flush, and fill datagrams up to the MTU.
    if (this.flushQueued) return;
    this.flushQueued = true;
    queueMicrotask(() => {
      this.flushQueued = false;
      this.sendPending();
    });
  }

  /** Recomputes the sender's and the offers' limits after the SM or a position moved. */
  private updateLimits(): void {
    const senderBase = computePosition(this.senderTermId, 0, this.log.shift, this.initialTermId);
    const senderLimit = this.smPosition + BigInt(this.receiverWindow);
    this.senderLimitOffset = clampOffset(senderLimit - senderBase);
    // Offers may run half a term ahead of what was sent, as Aeron's publication window does.
    const senderPosition = senderBase + BigInt(this.senderOffset);
    const tailLimit = senderPosition + BigInt(this.termLength / 2);
    this.tailLimitOffset = clampOffset(tailLimit - this.log.activeTermBase);
  }

  /** Sends everything offered that the receiver's window allows, several frames per datagram. */
  private sendPending(): void {
    if (this.state === 'closed' || !this.connected) return;
    const log = this.log;
    let sentAny = false;
    while (true) {
      const available = this.senderTermId === log.activeTermId ? log.tailOffset : this.termLength;
      if (this.senderOffset >= available) break;
      const term = log.partitionFor(this.senderTermId)!;
      const start = this.senderOffset;
      const limit = Math.min(available, this.senderLimitOffset);
      const { advance, wire } = measureDatagram(term, start, limit, this.mtu, true, this.extent);
      if (advance === 0) {
        if (!this.stalled) {
          this.stalled = true;
          this.counters.flowControlStalls++;
        }
        break;
      }
      this.stalled = false;
      this.sendBytes(term, start, wire);
      sentAny = true;
      this.senderOffset = start + advance;
      if (this.senderOffset === this.termLength) {
        this.senderTermId = (this.senderTermId + 1) | 0;
        this.senderOffset = 0;
        this.senderLimitOffset -= this.termLength;
      }
    }
    if (sentAny) {
      this.lastSendAt = performance.now();
      const before = this.tailLimitOffset;
      this.updateLimits();
      if (this.tailLimitOffset > before) this.waiters.wakeAll();
    }
    if (this.state === 'closing') this.maybeSendEos();
  }

  private sendBytes(buf: Buffer, offset: number, length: number): void {
    this.counters.datagramsSent++;
    this.counters.bytesSent += length;
    this.socket.send(buf, offset, length, this.channel.port, this.endpointAddress, ignoreSendError);
  }

  private sendHeartbeat(eos: boolean): void {
    // A fresh buffer per control frame: dgram may still hold the previous one.
    const out = Buffer.alloc(64);
    writeDataHeader(out, 0, {
      frameLength: 0,
      flags: eos ? DataFlags.UNFRAGMENTED | DataFlags.EOS : DataFlags.UNFRAGMENTED,
      termOffset: this.senderOffset,
      sessionId: this.sessionId,
      streamId: this.streamId,
      termId: this.senderTermId,
    });
    this.counters.heartbeatsSent++;
    this.lastSendAt = performance.now();
    this.sendBytes(out, 0, DATA_HEADER_LENGTH);
  }

  private sendSetup(): void {
    // A fresh buffer per control frame: dgram may still hold the previous one.
    const out = Buffer.alloc(64);
    writeSetup(out, 0, {
      flags: 0,
      termOffset: this.senderOffset,
      sessionId: this.sessionId,
      streamId: this.streamId,
      initialTermId: this.initialTermId,
      activeTermId: this.senderTermId,
      termLength: this.termLength,
      mtu: this.mtu,
      ttl: 0,
    });
    this.counters.setupsSent++;
    this.lastSetupAt = performance.now();
    this.sendBytes(out, 0, 40);
  }

  private get senderPosition(): bigint {
    return computePosition(this.senderTermId, this.senderOffset, this.log.shift, this.initialTermId);
  }

  /** True while closing once every offered byte has been sent at least once. */
  private get allSent(): boolean {
    return this.eosPosition !== undefined && this.senderPosition >= this.eosPosition;
  }

  private maybeSendEos(): void {
    if (this.eosSent || !this.allSent) return;
    this.eosSent = true;
    this.sendHeartbeat(true);
  }

  private onTimer(): void {
    if (this.state === 'closed') return;
    const now = performance.now();
    if (this.connected && now - this.lastSmAt > this.connectionTimeoutMs) {
      this.connected = false;
      this.shouldSendSetup = true;
      this.waiters.wakeAll();
    }
    if (this.state === 'closing' && (this.eosAcknowledged || now >= this.closeDeadline || !this.connected)) {
      this.finishClose();
      return;
    }
    // Timers may fire a little early; a millisecond of slack keeps the 100 ms rhythm.
    const due = this.heartbeatMs - 1;
    if (this.shouldSendSetup && this.state === 'open' && now - this.lastSetupAt >= due) this.sendSetup();
    let next = now + this.heartbeatMs;
    if (this.connected) {
      this.sendPending();
      if (now - this.lastSendAt >= due) this.sendHeartbeat(this.state === 'closing' && this.allSent);
      next = Math.min(next, this.lastSendAt + this.heartbeatMs, this.lastSmAt + this.connectionTimeoutMs + 1);
    } else if (this.shouldSendSetup) {
      next = Math.min(next, this.lastSetupAt + this.heartbeatMs);
    }
    if (this.state === 'closing') next = Math.min(next, this.closeDeadline);
    this.timer.wakeBy(next);
  }

  private onDatagram(msg: Buffer): void {
    if (this.state === 'closed') return;
    this.counters.datagramsReceived++;
    this.counters.bytesReceived += msg.length;
    const walk = this.walk;
    walk.invalid = 0;
    walk.unknown = 0;
    walkFrames(
      msg,
      msg.length,
      (type, offset, frameLength, flags) => {
        const frame = readFrame(msg, offset, type, frameLength, flags);
        if (
          frame.type === 'data' ||
          frame.type === 'pad' ||
          frame.type === 'setup' ||
          frame.type === 'unknown'
        ) {
          this.counters.invalidFrames++;
          return true;
        }
        if (frame.sessionId !== this.sessionId || frame.streamId !== this.streamId) {
          this.counters.invalidFrames++;
          return true;
        }
        switch (frame.type) {
          case 'sm':
            this.onStatus(
              frame.flags,
              frame.consumptionTermId,
              frame.consumptionTermOffset,
              frame.receiverWindow,
              frame.receiverId,
            );
            break;
          case 'nak':
            this.onNak(frame.termId, frame.termOffset, frame.length);
            break;
          case 'rttm':
            if ((frame.flags & RttmFlags.REPLY) === 0) {
              // A fresh buffer per control frame: dgram may still hold the previous one.
              const out = Buffer.alloc(64);
              writeRttm(out, 0, { ...frame, flags: RttmFlags.REPLY, receptionDelta: 0n });
              this.sendBytes(out, 0, 40);
            }
            break;
          case 'err':
            this.counters.errorFramesReceived++;
            this.lastError = `receiver error ${frame.errorCode}: ${frame.message}`;
            break;
          case 'rsp-setup':
            break;
        }
        return true;
      },
      walk,
    );
    this.counters.invalidFrames += walk.invalid;
    this.counters.unknownFrames += walk.unknown;
  }

  private onStatus(
    flags: number,
    termId: number,
    termOffset: number,
    window: number,
    receiverId: bigint,
  ): void {
    this.counters.statusMessagesReceived++;
    const now = performance.now();
    if ((flags & StatusFlags.SEND_SETUP) !== 0) {
      // A receiver that does not know this session asks for SETUP; its other fields mean nothing.
      if (this.state === 'open') {
        this.shouldSendSetup = true;
        this.sendSetup();
      }
      return;
    }
    const position = computePosition(termId, termOffset, this.log.shift, this.initialTermId);
    const tail = this.log.tailPosition;
    if (
      position > tail ||
      position < tail - BigInt(2 * this.termLength) ||
      window < 0 ||
      termOffset < 0 ||
      termOffset >= this.termLength ||
      termIdDelta(termId, this.log.activeTermId) > 0
    ) {
      this.counters.invalidFrames++;
      return;
    }
    this.lastSmAt = now;
    if (!this.connected) {
      this.connected = true;
      this.shouldSendSetup = false;
      this.timer.wakeBy(now + this.heartbeatMs);
    }
    this.shouldSendSetup = false;
    if (receiverId !== this.receiverId || position > this.smPosition) this.smPosition = position;
    this.receiverId = receiverId;
    this.receiverWindow = Math.min(window, this.termLength / 2);
    // Aeron C moves an SM's position only in quarter-window steps, so its EOS acknowledgement
    // may carry an older position: the flag is what counts.
    if ((flags & StatusFlags.EOS) !== 0 && this.eosPosition !== undefined) {
      this.eosAcknowledged = true;
      this.timer.wakeBy(now);
    }
    this.updateLimits();
    this.sendPending();
    this.waiters.wakeAll();
  }

  private onNak(termId: number, termOffset: number, length: number): void {
    this.counters.naksReceived++;
    const behind = termIdDelta(this.senderTermId, termId);
    const sentEnd = behind === 0 ? this.senderOffset : behind > 0 ? this.termLength : 0;
    const sent = this.retransmitter.answer(
      this.log,
      termId,
      termOffset,
      length,
      sentEnd,
      (buf, offset, bytes) => {
        this.counters.retransmits++;
        this.counters.retransmittedBytes += bytes;
        this.sendBytes(buf, offset, bytes);
      },
    );
    if (sent < 0) this.counters.invalidFrames++;
  }

  /**
   * Closes the publication: everything offered is still sent, then end-of-stream
   * heartbeats until the receiver acknowledges them or the linger time passes.
   */
  close(): Promise<void> {
    if (this.state === 'closed') return Promise.resolve();
    if (this.state === 'closing') return new Promise((resolve) => this.onClosed(resolve));
    this.state = 'closing';
    this.eosPosition = this.log.tailPosition;
    this.closeDeadline = performance.now() + this.lingerMs;
    this.waiters.wakeAll();
    return new Promise((resolve) => {
      this.onClosed(resolve);
      if (!this.connected) this.finishClose();
      else {
        this.sendPending();
        this.timer.wakeBy(performance.now());
      }
    });
  }

  /** Stops at once without end-of-stream, as if the process died (for tests of a publisher crash). */
  abort(): void {
    this.state = 'closing';
    this.finishClose();
  }

  private onClosed(resolve: () => void): void {
    const previous = this.closeResolve;
    this.closeResolve = () => {
      previous?.();
      resolve();
    };
  }

  private finishClose(): void {
    if (this.state === 'closed') return;
    this.state = 'closed';
    this.connected = false;
    this.timer.cancel();
    this.waiters.wakeAll();
    this.socket.close();
    this.closeResolve?.();
    this.closeResolve = undefined;
  }
}

function clampOffset(delta: bigint): number {
  if (delta > 0x7fffffffn) return 0x7fffffff;
  if (delta < -0x7fffffffn) return -0x7fffffff;
  return Number(delta);
}

function ignoreSendError(): void {}
