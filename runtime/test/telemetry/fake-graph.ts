/**
 * A telemetry source for exact figures: channels and actors come from the real builders (so
 * their telemetry options are the real ones), the rings are real, and the test moves the
 * counters (sent, taken, dropped, busy time, restarts) itself. It implements TelemetrySource
 * as any graph would, which is all the collector needs.
 */
import { ActorBuilder } from '../../src/actor/actor-builder.ts';
import { ChannelBuilder } from '../../src/channel/channel-builder.ts';
import { DROPPED, HEAD, ringCounts, TAIL } from '../../src/channel/ring.ts';
import type { Rx } from '../../src/channel/rx.ts';
import type { Tx } from '../../src/channel/tx.ts';
import type {
  ChannelCounts,
  TelemetryActor,
  TelemetryChannel,
  TelemetrySource,
} from '../../src/telemetry/source.ts';

interface FakeChannel extends TelemetryChannel {
  counts: ChannelCounts | undefined;
}

export class FakeGraph implements TelemetrySource {
  readonly actors: TelemetryActor[] = [];
  readonly channels: FakeChannel[] = [];
  private readonly busy: number[] = [];
  private readonly restartCounts: number[] = [];

  busyMs(index: number): number {
    return this.busy[index] ?? 0;
  }

  restarts(index: number): number {
    return this.restartCounts[index] ?? 0;
  }

  channelBuilder(): ChannelBuilder<number> {
    return new ChannelBuilder<number>({
      register: (settings) => {
        const id = this.channels.length + 1;
        const name = settings.name ?? `channel${id}`;
        const { capacity, telemetry } = settings;
        this.channels.push({ id, name, capacity, telemetry, counts: undefined });
        return { id, name };
      },
      attach: (descriptor) => {
        const channel = this.channels.find((c) => c.id === descriptor.id);
        if (channel) channel.counts = ringCounts(descriptor);
      },
    });
  }

  /** Adds an actor built by `configure` that sends to `sends` and takes from `takes`. */
  actor(
    configure: (builder: ActorBuilder) => ActorBuilder,
    sends: readonly Tx<number>[],
    takes: readonly Rx<number>[],
  ): number {
    const index = this.actors.length;
    configure(
      new ActorBuilder({
        addActor: (spec) =>
          this.actors.push({
            index,
            name: spec.name,
            telemetry: spec.telemetry,
            counters: spec.counters,
            sends: sends.map((tx) => tx.descriptor.id),
            takes: takes.map((rx) => rx.descriptor.id),
          }),
      }),
    ).build(async () => {});
    return index;
  }

  /** Moves a channel's shared counters as if `sent` were sent and `taken` taken. */
  move(tx: Tx<number>, sent: number, taken: number): void {
    const control = new Int32Array(tx.descriptor.control);
    Atomics.add(control, TAIL, sent);
    Atomics.add(control, HEAD, taken);
  }

  drop(rx: Rx<number>, count: number): void {
    Atomics.add(new Int32Array(rx.descriptor.control), DROPPED, count);
  }

  work(index: number, busyMs: number): void {
    this.busy[index] = (this.busy[index] ?? 0) + busyMs;
  }

  restart(index: number): void {
    this.restartCounts[index] = (this.restartCounts[index] ?? 0) + 1;
  }
}
