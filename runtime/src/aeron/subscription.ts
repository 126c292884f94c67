/**
 * A Subscription: the receiving side of one stream on one endpoint, driver-less. It binds
 * the endpoint, keeps one Image per publisher session, answers SETUP with status
 * messages, asks unknown sessions for SETUP, NAKs gaps after a short delay, and delivers
 * whole messages in order to a handler or to `poll`.
 */
import type dgram from 'node:dgram';
import { type AeronCounters, newCounters } from './counters.ts';
import { DeadlineTimer } from './deadline-timer.ts';
import {
  DataFlags,
  FrameType,
  RttmFlags,
  readFrame,
  StatusFlags,
  type WalkResult,
  walkFrames,
  writeNak,
  writeRttm,
  writeStatus,
} from './frames.ts';
import { Image, type ImageEnd, type MessageHandler } from './image.ts';
import { isValidTermLength } from './position.ts';
import { bindSocket, randomInt64, resolveHost } from './udp.ts';
import { type ChannelUri, MAX_UDP_MTU, parseChannelUri } from './uri.ts';
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
}

/** Status messages are resent this often while data flows, so a lost one stalls the sender only briefly. */
const ACTIVE_STATUS_INTERVAL_MS = 2;
const MAX_GAPS_PER_SCAN = 32;

export class Subscription {
  readonly counters: AeronCounters = newCounters();
  readonly receiverId = randomInt64();
  private readonly images = new Map<number, Image>();
  private readonly nakTimes = new Map<string, number>();
  private readonly sendSetupTimes = new Map<number, number>();
  private readonly walk: WalkResult = { frames: 0, invalid: 0, unknown: 0 };
  private readonly timer = new DeadlineTimer(() => this.onTimer());
  private readonly livenessMs: number;
  private readonly nakDelayMs: number;
  private readonly nakRetryMs: number;
  private readonly statusMs: number;
  private readonly maxImages: number;
  private readonly maxTermLength: number;
  private readonly onMessage: MessageHandler | undefined;
  private readonly waiters = new Waiters();
  private closed = false;
  private lastDataAt = Number.NEGATIVE_INFINITY;
  private source = { address: '', port: 0 };

  private constructor(
    readonly channel: ChannelUri,
    /** The first stream id (for single-stream subscriptions). */
    readonly streamId: number,
    /** Every stream id this subscription receives. */
    readonly streamIds: ReadonlySet<number>,
    private readonly socket: dgram.Socket,
    private readonly options: SubscriptionOptions,
  ) {
    this.livenessMs = options.imageLivenessTimeoutMs ?? 10_000;
    this.nakDelayMs = options.nakDelayMs ?? 1;
    this.nakRetryMs = options.nakRetryMs ?? 10;
    this.statusMs = options.statusIntervalMs ?? 200;
    this.maxImages = options.maxImages ?? 64;
    this.maxTermLength = options.maxTermLength ?? 64 * 1024 * 1024;
    this.onMessage = options.onMessage;
    socket.on('message', (msg, rinfo) => this.onDatagram(msg, rinfo.address, rinfo.port));
    socket.on('error', () => {});
  }

  /** Binds the channel's endpoint (port 0 picks a free port: see `localPort`) for `streamId`. */
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
    const streamId = ids[0]!;
    const address = options.bindAddress ?? (await resolveHost(uri.host));
    const socket = await bindSocket(address, uri.port);
    return new Subscription(uri, streamId, new Set(ids), socket, options);
  }

  /** The bound port (useful with `endpoint=127.0.0.1:0`). */
  get localPort(): number {
    return this.socket.address().port;
  }

  /** The images that have not ended. */
  get activeImages(): Image[] {
    return [...this.images.values()].filter((i) => i.end === undefined);
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
    let total = 0;
    for (const image of this.images.values()) {
      if (total >= fragmentLimit) break;
      if (image.end !== undefined && image.end !== 'end-of-stream') continue;
      if (!image.hasData) {
        this.checkEndOfStream(image);
        continue;
      }
      const { fragments, messages } = image.poll(handler, fragmentLimit - total);
      total += fragments;
      this.counters.messagesReceived += messages;
      this.afterConsume(image);
    }
    return total;
  }

  /** Resolves true when data may be ready to poll (or an image changed), false after `timeoutMs` or on close. */
  waitForData(timeoutMs = 1000): Promise<boolean> {
    if (this.closed) return Promise.resolve(false);
    for (const image of this.images.values()) if (image.hasData) return Promise.resolve(true);
    return this.waiters.wait(timeoutMs, () => !this.closed);
  }

  private afterConsume(image: Image): void {
    if (image.consumedSinceStatus >= image.receiverWindow / 4) this.sendStatus(image, 0);
    this.checkEndOfStream(image);
  }

  private checkEndOfStream(image: Image): void {
    if (image.end === undefined && image.reachedEndOfStream) {
      image.end = 'end-of-stream';
      this.counters.imagesClosed++;
      this.sendStatus(image, StatusFlags.EOS);
      image.eosStatusSent = true;
      this.options.onUnavailableImage?.(image, 'end-of-stream');
      this.waiters.wakeAll();
    }
  }

  /**
   * Handles one datagram as it came off the socket. Public for tests that feed a live
   * receiver directly; the socket calls it for every datagram.
   */
  onDatagram(msg: Buffer, address: string, port: number): void {
    if (this.closed) return;
    const now = performance.now();
    this.counters.datagramsReceived++;
    this.counters.bytesReceived += msg.length;
    this.source.address = address;
    this.source.port = port;
    const walk = this.walk;
    walk.invalid = 0;
    walk.unknown = 0;
    let touched: Image | undefined;
    let touchedMore = false;
    let sawData = false;
    walkFrames(
      msg,
      msg.length,
      (type, offset, frameLength, flags) => {
        if (type === FrameType.DATA || type === FrameType.PAD) {
          if (frameLength > 0) sawData = true;
          const image = this.onDataFrame(msg, offset, type, frameLength, flags, now);
          if (image !== undefined && image !== touched) {
            if (touched !== undefined) touchedMore = true;
            touched = image;
          }
        } else {
          this.onControlFrame(readFrame(msg, offset, type, frameLength, flags), now);
        }
        return true;
      },
      walk,
    );
    this.counters.invalidFrames += walk.invalid;
    this.counters.unknownFrames += walk.unknown;
    if (touched === undefined) return;
    // Heartbeats do not count: an idle stream falls back to the slow status message rhythm.
    if (sawData) this.lastDataAt = now;
    const images = touchedMore ? [...this.images.values()] : [touched];
    for (const image of images) this.afterData(image, now);
  }

  private afterData(image: Image, now: number): void {
    if (image.hasGap) this.timer.wakeBy(now + this.nakDelayMs);
    if (image.end !== undefined) {
      // An ended image still answers the publisher's end-of-stream heartbeats.
      if (image.eosStatusSent && now - image.lastStatusAt >= this.statusMs / 2)
        this.sendStatus(image, StatusFlags.EOS);
      return;
    }
    if (this.onMessage !== undefined) {
      if (image.hasData) {
        const { messages } = image.poll(this.onMessage, Number.MAX_SAFE_INTEGER);
        this.counters.messagesReceived += messages;
        this.afterConsume(image);
      } else {
        this.checkEndOfStream(image);
      }
    } else if (image.hasData) {
      this.waiters.wakeAll();
    } else {
      this.checkEndOfStream(image);
    }
    if (now - this.lastDataAt < this.statusMs)
      this.timer.wakeBy(image.lastStatusAt + ACTIVE_STATUS_INTERVAL_MS);
  }

  private onDataFrame(
    msg: Buffer,
    offset: number,
    type: number,
    frameLength: number,
    flags: number,
    now: number,
  ): Image | undefined {
    const streamId = msg.readInt32LE(offset + 16);
    if (!this.streamIds.has(streamId)) return undefined;
    const sessionId = msg.readInt32LE(offset + 12);
    const termOffset = msg.readInt32LE(offset + 8);
    const termId = msg.readInt32LE(offset + 20);
    const image = this.images.get(sessionId);
    if (image === undefined) {
      if ((flags & DataFlags.EOS) === 0) this.askForSetup(sessionId, streamId, now);
      return undefined;
    }
    image.lastActivityAt = now;
    image.sourceAddress = this.source.address;
    image.sourcePort = this.source.port;
    let ok: boolean;
    if (type === FrameType.DATA && frameLength === 0) {
      this.counters.heartbeatsReceived++;
      ok = image.heartbeat(termId, termOffset, (flags & DataFlags.EOS) !== 0);
    } else {
      ok = image.insert(msg, offset, type, frameLength, termId, termOffset);
      if (ok && (flags & DataFlags.EOS) !== 0 && type === FrameType.DATA)
        image.heartbeat(termId, termOffset + ((frameLength + 31) & ~31), true);
    }
    if (!ok) this.counters.invalidFrames++;
    return image;
  }

  private askForSetup(sessionId: number, streamId: number, now: number): void {
    const last = this.sendSetupTimes.get(sessionId);
    if (last !== undefined && now - last < this.statusMs / 2) return;
    if (this.sendSetupTimes.size > 1024) this.sendSetupTimes.clear();
    this.sendSetupTimes.set(sessionId, now);
    // A fresh buffer per control frame: dgram may still hold the previous one.
    const out = Buffer.alloc(64);
    writeStatus(out, 0, {
      flags: StatusFlags.SEND_SETUP,
      sessionId,
      streamId,
      consumptionTermId: 0,
      consumptionTermOffset: 0,
      receiverWindow: 0,
      receiverId: 0n,
    });
    this.send(out, 36, this.source.address, this.source.port);
    this.counters.statusMessagesSent++;
  }

  private onControlFrame(frame: ReturnType<typeof readFrame>, now: number): void {
    switch (frame.type) {
      case 'setup':
        this.onSetup(frame, now);
        return;
      case 'rttm':
        if ((frame.flags & RttmFlags.REPLY) === 0 && this.streamIds.has(frame.streamId)) {
          // A fresh buffer per control frame: dgram may still hold the previous one.
          const out = Buffer.alloc(64);
          writeRttm(out, 0, { ...frame, flags: RttmFlags.REPLY, receiverId: this.receiverId });
          this.send(out, 40, this.source.address, this.source.port);
        }
        return;
      case 'rsp-setup':
        return;
      default:
        // SM, NAK and ERR travel towards publishers, not here.
        this.counters.invalidFrames++;
    }
  }

  private onSetup(frame: Extract<ReturnType<typeof readFrame>, { type: 'setup' }>, now: number): void {
    if (!this.streamIds.has(frame.streamId)) return;
    this.counters.setupsReceived++;
    const valid =
      isValidTermLength(frame.termLength) &&
      frame.termLength <= this.maxTermLength &&
      frame.mtu > 32 &&
      frame.mtu <= MAX_UDP_MTU &&
      frame.mtu % 32 === 0 &&
      frame.mtu <= frame.termLength / 2 &&
      frame.termOffset >= 0 &&
      frame.termOffset < frame.termLength &&
      frame.termOffset % 32 === 0;
    if (!valid) {
      this.counters.invalidFrames++;
      return;
    }
    const existing = this.images.get(frame.sessionId);
    if (existing !== undefined) {
      if (existing.end === undefined) {
        existing.lastActivityAt = now;
        this.sendStatus(existing, 0);
      }
      return;
    }
    if (this.images.size >= this.maxImages) {
      this.counters.invalidFrames++;
      return;
    }
    const image = new Image(
      frame.sessionId,
      frame.streamId,
      frame.initialTermId,
      frame.termLength,
      frame.mtu,
      frame.activeTermId,
      frame.termOffset,
      this.source,
      now,
    );
    this.images.set(frame.sessionId, image);
    this.counters.imagesCreated++;
    this.sendStatus(image, 0);
    this.options.onAvailableImage?.(image);
    this.waiters.wakeAll();
    this.timer.wakeBy(now + this.statusMs);
  }

  private sendStatus(image: Image, flags: number): void {
    // A fresh buffer per control frame: dgram may still hold the previous one.
    const out = Buffer.alloc(64);
    writeStatus(out, 0, {
      flags,
      sessionId: image.sessionId,
      streamId: image.streamId,
      consumptionTermId: image.consumptionTermId,
      consumptionTermOffset: image.consumptionTermOffset,
      receiverWindow: image.receiverWindow,
      receiverId: this.receiverId,
    });
    image.consumedSinceStatus = 0;
    image.lastStatusAt = performance.now();
    this.counters.statusMessagesSent++;
    this.send(out, 36, image.sourceAddress, image.sourcePort);
  }

  private send(buf: Buffer, length: number, address: string, port: number): void {
    if (port === 0) return;
    this.counters.datagramsSent++;
    this.counters.bytesSent += length;
    this.socket.send(buf, 0, length, port, address, ignoreSendError);
  }

  private onTimer(): void {
    if (this.closed) return;
    const now = performance.now();
    let next = now + this.statusMs;
    const active = now - this.lastDataAt < this.statusMs;
    for (const image of [...this.images.values()]) {
      if (now - image.lastActivityAt > this.livenessMs) {
        this.images.delete(image.sessionId);
        if (image.end === undefined) {
          image.end = 'timeout';
          this.counters.imagesClosed++;
          this.options.onUnavailableImage?.(image, 'timeout');
        }
        continue;
      }
      next = Math.min(next, image.lastActivityAt + this.livenessMs + 1);
      if (image.end !== undefined) continue;
      const interval = active ? ACTIVE_STATUS_INTERVAL_MS : this.statusMs;
      if (now - image.lastStatusAt >= interval) this.sendStatus(image, 0);
      next = Math.min(next, image.lastStatusAt + interval);
      if (image.hasGap) {
        this.handleGaps(image, now);
        next = Math.min(next, now + Math.min(this.nakDelayMs * 2, this.nakRetryMs));
      }
    }
    this.timer.wakeBy(Math.max(next, now + 1));
  }

  private handleGaps(image: Image, now: number): void {
    const gaps = image.gaps(MAX_GAPS_PER_SCAN);
    if (!this.channel.reliable) {
      for (const gap of gaps) {
        image.fillGap(gap);
        this.counters.gapsFilled++;
      }
      this.afterData(image, now);
      return;
    }
    if (this.nakTimes.size > 4096) this.nakTimes.clear();
    for (const gap of gaps) {
      const key = `${image.sessionId}:${gap.termId}:${gap.termOffset}`;
      const last = this.nakTimes.get(key);
      if (last !== undefined && now - last < this.nakRetryMs) continue;
      this.nakTimes.set(key, now);
      // A fresh buffer per control frame: dgram may still hold the previous one.
      const out = Buffer.alloc(64);
      writeNak(out, 0, {
        sessionId: image.sessionId,
        streamId: image.streamId,
        termId: gap.termId,
        termOffset: gap.termOffset,
        length: gap.length,
      });
      this.counters.naksSent++;
      this.send(out, 28, image.sourceAddress, image.sourcePort);
    }
  }

  /** Unbinds the endpoint; images end with reason 'closed'. */
  close(): Promise<void> {
    if (this.closed) return Promise.resolve();
    this.closed = true;
    this.timer.cancel();
    for (const image of this.images.values()) {
      if (image.end === undefined) {
        image.end = 'closed';
        this.options.onUnavailableImage?.(image, 'closed');
      }
    }
    this.images.clear();
    this.waiters.wakeAll();
    return new Promise((resolve) => this.socket.close(() => resolve()));
  }
}

function ignoreSendError(): void {}
