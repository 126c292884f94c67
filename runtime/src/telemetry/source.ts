/**
 * What telemetry reads, and nothing more: the actors and channels of a graph with their
 * telemetry options, and the figures kept in shared memory. The graph implements it; a test
 * can implement it with plain objects.
 */
import type { ActorCounters } from './counters.ts';
import type { ActorTelemetryOptions, ChannelTelemetryOptions } from './options.ts';

/** An actor as telemetry sees it. */
export interface TelemetryActor {
  /** Its position in the graph (DOT node ids, the figures below). */
  readonly index: number;
  readonly name: string;
  readonly telemetry: ActorTelemetryOptions;
  /** Counters of its own, shown on its node and in /metrics, if it has any. */
  readonly counters: ActorCounters | undefined;
  /** Ids of the channels it sends to / takes from. */
  readonly sends: readonly number[];
  readonly takes: readonly number[];
}

/** The counters of one channel's ring: free-running totals, mod 2^32. */
export interface ChannelCounts {
  sentCount(): number;
  takenCount(): number;
  /** Showstoppers the consumer dropped from this channel. */
  droppedCount(): number;
}

/** A channel as telemetry sees it. */
export interface TelemetryChannel {
  readonly id: number;
  readonly name: string;
  readonly capacity: number;
  readonly telemetry: ChannelTelemetryOptions;
  /** Its ring's counters once the channel is built; undefined before. */
  readonly counts: ChannelCounts | undefined;
}

export interface TelemetrySource {
  /** The actors so far (the list may grow while the graph is being built). */
  readonly actors: readonly TelemetryActor[];
  /** The channels so far. */
  readonly channels: readonly TelemetryChannel[];
  /** Time the actor spent outside waits since the graph started, in ms. */
  busyMs(actor: number): number;
  /** How many times the actor was restarted. */
  restarts(actor: number): number;
}
