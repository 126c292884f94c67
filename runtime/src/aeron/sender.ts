/**
 * The sending side of one Aeron stream as a state machine, with no socket and no clock (the
 * sans-IO core of `Publication`, as Aeron's driver separates its sender from its endpoints).
 * It appends offers to the publisher log, sends within the receiver's window, answers NAKs,
 * sends SETUP until a receiver answers and heartbeats when idle, and on close sends end of
 * stream until the receiver acknowledges it. Input: `offer`, `onDatagram(datagram, nowMs)`,
 * `doWork(nowMs)`, `close(nowMs)`. Output: the datagrams left in `outbox`, and `nextDeadline`,
 * the time by which `doWork` wants to run again.
 */
import { type AeronCounters, newCounters } from './counters.ts';
import { RttmFlags, StatusFlags } from './frame-lengths.ts';
import { type WalkResult, walkFrames } from './frame-walk.ts';
import { readFrame } from './frames.ts';
import { BACK_PRESSURED, CLOSED, MAX_POSITION_EXCEEDED, NOT_CONNECTED } from './offer-results.ts';
import { Outbox } from './outbox.ts';
import { maxMessageLength, termIdDelta } from './position.ts';
import { type DatagramExtent, measureDatagram, PublisherLog } from './publisher-log.ts';
import { DEFAULT_RETRANSMIT, type RetransmitOptions, Retransmitter } from './retransmit.ts';
import { heartbeatFrame, rttmReply, type StreamIdentity, setupFrame } from './sender-frames.ts';
import { SenderWindow } from './sender-window.ts';

export interface SenderConfig extends StreamIdentity {
  /** Where the stream starts (default: the initial term, offset 0). */
  readonly termId?: number;
  readonly termOffset?: number;
  /** No status message for this long means not connected (ms). */
  readonly connectionTimeoutMs: number;
  /** How long a closing sender waits for the receiver to acknowledge end of stream (ms). */
  readonly lingerMs: number;
  /** Interval of SETUP frames while unconnected and of heartbeats while idle (ms). */
  readonly heartbeatIntervalMs: number;
  readonly retransmit?: RetransmitOptions;
}

export type SenderState = 'open' | 'closing' | 'closed';

export class Sender {
  readonly counters: AeronCounters = newCounters();
  readonly outbox = new Outbox();
  readonly log: PublisherLog;
  readonly maxMessageLength: number;
  /** Set when a receiver sent an ERR frame. */
  lastError: string | undefined;
  /** Called whenever an offer that was refused might now succeed (window, connection or state changed). */
  onChange: () => void = () => {};

  private readonly window: SenderWindow;
  private readonly retransmitter: Retransmitter;
  private readonly walk: WalkResult = { frames: 0, invalid: 0, unknown: 0 };
  private readonly extent: DatagramExtent = { advance: 0, wire: 0 };
  private connected = false;
  private lastSmAt = Number.NEGATIVE_INFINITY;
  private shouldSendSetup = true;
  private lastSetupAt = Number.NEGATIVE_INFINITY;
  private lastSendAt = Number.NEGATIVE_INFINITY;
  private stalled = false;
  private stateValue: SenderState = 'open';
  private eosPosition: bigint | undefined;
  private eosAcknowledged = false;
  private eosSent = false;
  private closeDeadline = 0;
  private wakeAt = Number.POSITIVE_INFINITY;

  constructor(readonly config: SenderConfig) {
    this.maxMessageLength = maxMessageLength(config.termLength);
    this.log = new PublisherLog(config, config.termId ?? config.initialTermId, config.termOffset ?? 0);
    this.window = new SenderWindow(this.log);
    this.retransmitter = new Retransmitter(
      {
        log: this.log,
        sentEnd: (termId) => this.window.sentEnd(termId),
        send: (buf, offset, length) => {
          this.counters.retransmits++;
          this.counters.retransmittedBytes += length;
          this.sendBytes(buf, offset, length);
        },
      },
      config.retransmit ?? DEFAULT_RETRANSMIT,
    );
  }

  get state(): SenderState {
    return this.stateValue;
  }

  get isConnected(): boolean {
    return this.connected && this.stateValue === 'open';
  }

  /** The position after the last offered byte. */
  get position(): bigint {
    return this.log.tailPosition;
  }

  /** The position up to which the receiver has consumed, from its last status message. */
  get receiverPosition(): bigint {
    return this.window.smPosition;
  }

  /** The position up to which the stream has been sent once. */
  get senderPosition(): bigint {
    return this.window.senderPosition;
  }

  /** The time by which `doWork` wants to run (+Infinity: only when something arrives). */
  get nextDeadline(): number {
    return Math.min(this.wakeAt, this.retransmitter.nextDeadline);
  }

  /** True when a datagram's worth waits and the window lets it go: worth sending at once
   * (while the window is shut, the status message that opens it sends). */
  get hasFullDatagram(): boolean {
    const w = this.window;
    const mtu = this.config.mtu;
    return (
      w.senderLimitOffset - w.senderOffset >= mtu &&
      (this.log.activeTermId !== w.senderTermId || this.log.tailOffset - w.senderOffset >= mtu)
    );
  }

  /**
   * Appends one message. Returns the new stream position, or NOT_CONNECTED, BACK_PRESSURED,
   * CLOSED or MAX_POSITION_EXCEEDED. Nothing is sent here: call `sendPending` (at once when
   * `hasFullDatagram`, else after a burst of offers).
   */
  offer(message: Uint8Array, offset = 0, length = message.length - offset, reservedValue = 0n): bigint {
    if (this.stateValue !== 'open') return CLOSED;
    if (!this.connected) return NOT_CONNECTED;
    if (length > this.maxMessageLength)
      throw new RangeError(`message of ${length} bytes exceeds the maximum of ${this.maxMessageLength}`);
    if (length < 0 || offset < 0 || offset + length > message.length)
      throw new RangeError(
        `offset ${offset} and length ${length} do not fit a ${message.length}-byte buffer`,
      );
    const log = this.log;
    const termLength = this.config.termLength;
    const required = log.spaceFor(length);
    let tail = log.tailOffset;
    // The position is (term count << shift) + offset with an int32 term count: it ends at 2^31 terms.
    if (
      tail + required >= termLength &&
      termIdDelta((log.activeTermId + 1) | 0, this.config.initialTermId) < 0
    )
      return MAX_POSITION_EXCEEDED;
    if (tail + required > termLength) {
      // The message does not fit in what is left of the term: pad it out and rotate, if the
      // limit allows the padding and the message after it.
      if (termLength + required > this.window.tailLimitOffset) return this.backPressured();
      log.padAndRotate();
      this.window.tailLimitOffset -= termLength;
      tail = 0;
    }
    if (tail + required > this.window.tailLimitOffset) return this.backPressured();
    const termBefore = log.activeTermId;
    log.append(message, offset, length, reservedValue);
    if (log.activeTermId !== termBefore) this.window.tailLimitOffset -= termLength;
    this.counters.messagesSent++;
    return log.tailPosition;
  }

  private backPressured(): bigint {
    this.counters.backPressured++;
    return BACK_PRESSURED;
  }

  /** Sends everything offered that the receiver's window allows, several frames per datagram. */
  sendPending(nowMs: number): void {
    if (this.stateValue === 'closed' || !this.connected) return;
    const log = this.log;
    const w = this.window;
    const termLength = this.config.termLength;
    let sentAny = false;
    while (true) {
      const available = w.senderTermId === log.activeTermId ? log.tailOffset : termLength;
      if (w.senderOffset >= available) break;
      const term = log.partitionFor(w.senderTermId)!;
      const start = w.senderOffset;
      const limit = Math.min(available, w.senderLimitOffset);
      const { advance, wire } = measureDatagram(term, start, limit, this.config.mtu, true, this.extent);
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
      w.advanceSender(advance);
    }
    if (sentAny) {
      this.lastSendAt = nowMs;
      if (w.updateTailLimit()) this.onChange();
    }
    if (this.stateValue === 'closing') this.maybeSendEos(nowMs);
  }

  private sendBytes(buf: Buffer, offset: number, length: number): void {
    this.counters.datagramsSent++;
    this.counters.bytesSent += length;
    this.outbox.push(buf, offset, length);
  }

  private sendHeartbeat(nowMs: number, eos: boolean): void {
    const w = this.window;
    const frame = heartbeatFrame(this.config, w.senderTermId, w.senderOffset, eos);
    this.counters.heartbeatsSent++;
    this.lastSendAt = nowMs;
    this.sendBytes(frame, 0, frame.length);
  }

  private sendSetup(nowMs: number): void {
    const frame = setupFrame(this.config, this.window.senderTermId, this.window.senderOffset);
    this.counters.setupsSent++;
    this.lastSetupAt = nowMs;
    this.sendBytes(frame, 0, frame.length);
  }

  /** True while closing once every offered byte has been sent at least once. */
  private get allSent(): boolean {
    return this.eosPosition !== undefined && this.window.senderPosition >= this.eosPosition;
  }

  private maybeSendEos(nowMs: number): void {
    if (this.eosSent || !this.allSent) return;
    this.eosSent = true;
    this.sendHeartbeat(nowMs, true);
  }

  private wakeBy(at: number): void {
    if (at < this.wakeAt) this.wakeAt = at;
  }

  /** The timed duties: connection timeout, SETUP, heartbeats, delayed retransmissions, the end of closing. */
  doWork(nowMs: number): void {
    if (this.stateValue === 'closed') return;
    this.wakeAt = Number.POSITIVE_INFINITY;
    this.retransmitter.doWork(nowMs);
    const { connectionTimeoutMs, heartbeatIntervalMs } = this.config;
    if (this.connected && nowMs - this.lastSmAt > connectionTimeoutMs) {
      this.connected = false;
      this.shouldSendSetup = true;
      this.onChange();
    }
    if (
      this.stateValue === 'closing' &&
      (this.eosAcknowledged || nowMs >= this.closeDeadline || !this.connected)
    ) {
      this.finishClose();
      return;
    }
    // Timers may fire a little early; a millisecond of slack keeps the 100 ms rhythm.
    const due = heartbeatIntervalMs - 1;
    if (this.shouldSendSetup && this.stateValue === 'open' && nowMs - this.lastSetupAt >= due)
      this.sendSetup(nowMs);
    let next = nowMs + heartbeatIntervalMs;
    if (this.connected) {
      this.sendPending(nowMs);
      if (nowMs - this.lastSendAt >= due)
        this.sendHeartbeat(nowMs, this.stateValue === 'closing' && this.allSent);
      next = Math.min(next, this.lastSendAt + heartbeatIntervalMs, this.lastSmAt + connectionTimeoutMs + 1);
    } else if (this.shouldSendSetup) {
      next = Math.min(next, this.lastSetupAt + heartbeatIntervalMs);
    }
    if (this.stateValue === 'closing') next = Math.min(next, this.closeDeadline);
    this.wakeBy(next);
  }

  /** Handles one datagram from the receiver's side: SM, NAK, RTTM, ERR. */
  onDatagram(datagram: Buffer, nowMs: number): void {
    if (this.stateValue === 'closed') return;
    this.counters.datagramsReceived++;
    this.counters.bytesReceived += datagram.length;
    const walk = this.walk;
    walk.invalid = 0;
    walk.unknown = 0;
    walkFrames(
      datagram,
      datagram.length,
      (type, offset, frameLength, flags) => {
        const frame = readFrame(datagram, offset, type, frameLength, flags);
        if (
          frame.type === 'data' ||
          frame.type === 'pad' ||
          frame.type === 'setup' ||
          frame.type === 'unknown'
        ) {
          this.counters.invalidFrames++; // frames that travel towards receivers, not here
          return true;
        }
        if (frame.sessionId !== this.config.sessionId || frame.streamId !== this.config.streamId) {
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
              nowMs,
            );
            break;
          case 'nak':
            this.counters.naksReceived++;
            if (this.retransmitter.onNak(frame.termId, frame.termOffset, frame.length, nowMs) === 'invalid')
              this.counters.invalidFrames++;
            break;
          case 'rttm':
            if ((frame.flags & RttmFlags.REPLY) === 0) {
              const reply = rttmReply(frame);
              this.sendBytes(reply, 0, reply.length);
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
    nowMs: number,
  ): void {
    this.counters.statusMessagesReceived++;
    if ((flags & StatusFlags.SEND_SETUP) !== 0) {
      // A receiver that does not know this session asks for SETUP; its other fields mean nothing.
      if (this.stateValue === 'open') {
        this.shouldSendSetup = true;
        this.sendSetup(nowMs);
      }
      return;
    }
    if (!this.window.onStatus(termId, termOffset, window, receiverId)) {
      this.counters.invalidFrames++;
      return;
    }
    this.lastSmAt = nowMs;
    if (!this.connected) {
      this.connected = true;
      this.wakeBy(nowMs + this.config.heartbeatIntervalMs);
    }
    this.shouldSendSetup = false;
    // Aeron C moves an SM's position only in quarter-window steps, so its EOS acknowledgement
    // may carry an older position: the flag is what counts.
    if ((flags & StatusFlags.EOS) !== 0 && this.eosPosition !== undefined) {
      this.eosAcknowledged = true;
      this.wakeBy(nowMs);
    }
    this.sendPending(nowMs);
    this.onChange();
  }

  /**
   * Starts closing: everything offered is still sent, then end-of-stream heartbeats until the
   * receiver acknowledges them or the linger time passes (then `state` is 'closed').
   */
  close(nowMs: number): void {
    if (this.stateValue !== 'open') return;
    this.stateValue = 'closing';
    this.eosPosition = this.log.tailPosition;
    this.closeDeadline = nowMs + this.config.lingerMs;
    this.onChange();
    if (!this.connected) this.finishClose();
    else {
      this.sendPending(nowMs);
      this.wakeBy(nowMs);
    }
  }

  /** Stops at once without end of stream, as if the process died. */
  abort(): void {
    this.finishClose();
  }

  private finishClose(): void {
    if (this.stateValue === 'closed') return;
    this.stateValue = 'closed';
    this.connected = false;
    this.wakeAt = Number.POSITIVE_INFINITY;
    this.onChange();
  }
}
