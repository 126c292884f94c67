/**
 * A graph as the telemetry collector sees it, for exact figures: channels and actors come
 * from the real builders (so their telemetry options are the real ones), the rings are real,
 * and the test moves the counters (sent, taken, dropped, busy time, restarts) itself.
 */
import { ActorBuilder, type ActorSpec } from '../../src/actor/actor-builder.ts';
import { ChannelBuilder, type ChannelSettings } from '../../src/channel/channel-builder.ts';
import type { ChannelDescriptor } from '../../src/channel/ring.ts';
import { DROPPED, HEAD, TAIL } from '../../src/channel/ring.ts';
import type { Rx } from '../../src/channel/rx.ts';
import type { Tx } from '../../src/channel/tx.ts';
import type { Graph } from '../../src/graph/graph.ts';

interface FakeActor {
  readonly index: number;
  readonly name: string;
  readonly spec: ActorSpec;
  readonly sends: number[];
  readonly takes: number[];
}

interface FakeChannel {
  readonly id: number;
  readonly name: string;
  readonly settings: ChannelSettings<unknown>;
  descriptor: ChannelDescriptor | undefined;
}

export class FakeGraph {
  readonly actors: FakeActor[] = [];
  readonly channels: FakeChannel[] = [];
  private readonly busy: number[] = [];
  private readonly restartCounts: number[] = [];
  readonly control = {
    busyMs: (index: number): number => this.busy[index] ?? 0,
    restarts: (index: number): number => this.restartCounts[index] ?? 0,
  };

  channelBuilder(): ChannelBuilder<number> {
    return new ChannelBuilder<number>({
      register: (settings) => {
        const id = this.channels.length + 1;
        const name = settings.name ?? `channel${id}`;
        this.channels.push({ id, name, settings, descriptor: undefined });
        return { id, name };
      },
      attach: (descriptor) => {
        const channel = this.channels.find((c) => c.id === descriptor.id);
        if (channel) channel.descriptor = descriptor;
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
            spec,
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

  asGraph(): Graph<unknown> {
    return this as unknown as Graph<unknown>;
  }
}
