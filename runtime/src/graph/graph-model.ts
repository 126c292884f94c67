/** What a graph is made of, as the graph and its builder see it: settings, actors, channels. */
import type { ActorSpec } from '../actor/actor-builder.ts';
import type { ChannelSettings } from '../channel/channel-builder.ts';
import type { ChannelDescriptor } from '../channel/ring.ts';
import type { TelemetrySettings } from '../telemetry/index.ts';
import type { ChannelCounts, TelemetryActor, TelemetryChannel } from '../telemetry/source.ts';

export interface GraphSettings {
  readonly testing: boolean;
  /** False in test graphs: actors whose `run` checks it play simulated parts. */
  readonly useInternalBehavior: boolean;
  readonly barrier: number;
  readonly spinTurns: number;
  /** Telemetry server and collector; undefined turns telemetry off (the default in test graphs). */
  readonly telemetry: TelemetrySettings | undefined;
}

/** What the graph knows of an actor (for reports, tests and telemetry). */
export interface ActorInfo extends TelemetryActor {
  readonly spec: ActorSpec;
}

export interface ChannelInfo extends TelemetryChannel {
  readonly settings: ChannelSettings<unknown>;
  /** The channel's shared memory (set when the channel is built). */
  descriptor: ChannelDescriptor | undefined;
  counts: ChannelCounts | undefined;
}
