/**
 * Samples the shared counters every frame: channel TAIL/HEAD positions (unsigned 32-bit
 * deltas accumulated into totals), dropped showstoppers, and per-actor busy time and
 * restarts. Reads only shared memory, through a TelemetrySource; actors send nothing.
 */
import type { ActorCounters } from './counters.ts';
import type { ActorTelemetryOptions, ChannelTelemetryOptions } from './options.ts';
import type { ChannelCounts, TelemetrySource } from './source.ts';
import { RollingWindow } from './window.ts';

/** One end of a channel: the actor holding it (by index, for DOT node ids) and its name. */
export interface ChannelEnd {
  readonly index: number;
  readonly name: string;
}

export interface ChannelSample {
  readonly id: number;
  readonly name: string;
  readonly capacity: number;
  readonly telemetry: ChannelTelemetryOptions;
  from: ChannelEnd | undefined;
  to: ChannelEnd | undefined;
  sendTotal: number;
  takeTotal: number;
  inflight: number;
  /** Showstoppers the consumer dropped from this channel since start. */
  dropped: number;
  /** Fill % per frame. */
  readonly filled: RollingWindow;
  /** Takes per second per frame. */
  readonly rate: RollingWindow;
  /** In-flight per frame. */
  readonly inflightWindow: RollingWindow;
  lastSent: number;
  lastTaken: number;
  counts: ChannelCounts | undefined;
}

export interface ActorSample {
  readonly index: number;
  readonly name: string;
  readonly telemetry: ActorTelemetryOptions;
  /** The actor's own counters (read when shown: they are totals, not windowed). */
  readonly counters: ActorCounters | undefined;
  restarts: number;
  /** mCPU per frame (1024 = one core). */
  readonly mcpu: RollingWindow;
  /** Load % per frame in which any actor worked (share of all actors' busy time). */
  readonly load: RollingWindow;
  lastBusy: number;
}

const frames = (windowMs: number, frameMs: number): number =>
  windowMs <= 0 ? 0 : Math.max(1, Math.round(windowMs / frameMs));

export class Collector {
  readonly channels: ChannelSample[] = [];
  readonly actors: ActorSample[] = [];
  private lastTime = performance.now();
  private known = 0;

  constructor(
    private readonly source: TelemetrySource,
    readonly frameMs: number,
  ) {}

  private sync(): void {
    const g = this.source;
    while (this.actors.length < g.actors.length) {
      const a = g.actors[this.actors.length];
      if (!a) break;
      const telemetry = a.telemetry;
      const n = frames(telemetry.windowMs, this.frameMs);
      this.actors.push({
        index: a.index,
        name: a.name,
        telemetry,
        counters: a.counters,
        restarts: 0,
        mcpu: new RollingWindow(n),
        load: new RollingWindow(n),
        lastBusy: g.busyMs(a.index),
      });
    }
    while (this.channels.length < g.channels.length) {
      const c = g.channels[this.channels.length];
      if (!c) break;
      const telemetry = c.telemetry;
      const n = frames(telemetry.windowMs, this.frameMs);
      this.channels.push({
        id: c.id,
        name: c.name,
        capacity: c.capacity,
        telemetry,
        from: undefined,
        to: undefined,
        sendTotal: 0,
        takeTotal: 0,
        inflight: 0,
        dropped: 0,
        filled: new RollingWindow(n),
        rate: new RollingWindow(n),
        inflightWindow: new RollingWindow(n),
        lastSent: 0,
        lastTaken: 0,
        counts: undefined,
      });
    }
    for (const ch of this.channels) {
      ch.counts ??= g.channels.find((c) => c.id === ch.id)?.counts;
      ch.from = g.actors.find((a) => a.sends.includes(ch.id));
      ch.to = g.actors.find((a) => a.takes.includes(ch.id));
    }
  }

  /** Takes one sample of every counter. */
  sample(): void {
    this.sync();
    const now = performance.now();
    const wallMs = Math.max(1e-3, now - this.lastTime);
    this.lastTime = now;
    for (const ch of this.channels) {
      if (!ch.counts) continue;
      const sent = ch.counts.sentCount();
      const taken = ch.counts.takenCount();
      const ds = (sent - ch.lastSent) >>> 0;
      const dt = (taken - ch.lastTaken) >>> 0;
      ch.lastSent = sent;
      ch.lastTaken = taken;
      ch.sendTotal += ds;
      ch.takeTotal += dt;
      ch.inflight = (sent - taken) >>> 0;
      ch.dropped = ch.counts.droppedCount();
      ch.filled.push(ch.capacity > 0 ? (100 * ch.inflight) / ch.capacity : 0);
      ch.rate.push((dt * 1000) / wallMs);
      ch.inflightWindow.push(ch.inflight);
    }
    const fresh = this.actors.length - this.known;
    this.known = this.actors.length;
    const deltas = this.actors.map((a) => {
      const busy = this.source.busyMs(a.index);
      const d = Math.max(0, busy - a.lastBusy);
      a.lastBusy = busy;
      a.restarts = this.source.restarts(a.index);
      return d;
    });
    const total = deltas.reduce((x, y) => x + y, 0);
    this.actors.forEach((a, i) => {
      // An actor first seen this frame only sets its baseline.
      if (i >= this.actors.length - fresh) return;
      const d = deltas[i] ?? 0;
      a.mcpu.push(Math.min(1024, (d / wallMs) * 1024));
      // A frame in which no actor worked says nothing about who carries the load: skip it.
      if (total > 0) a.load.push((100 * d) / total);
    });
  }
}
