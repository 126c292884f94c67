/**
 * Builds channels: capacity, codec, name, and the telemetry options of the original
 * (their vocabulary lives in `telemetry/options.ts`; stored with the channel, the collector reads them).
 */
import {
  addPercentile,
  type ChannelTelemetryOptions,
  type Colour,
  checkWindowMs,
  DEFAULT_CHANNEL_TELEMETRY,
  type Trigger,
} from '../telemetry/options.ts';
import { type Codec, codecs } from './codec.ts';
import { allocateChannel, type ChannelDescriptor } from './ring.ts';
import { Rx } from './rx.ts';
import { INGRESS_FIELDS, type StreamDescriptor, type StreamKind, StreamRx, StreamTx } from './stream.ts';
import { Tx } from './tx.ts';

export const DEFAULT_CAPACITY = 64;

export interface ChannelSettings<T> {
  readonly capacity: number;
  readonly codec: Codec<T>;
  readonly name: string | undefined;
  readonly telemetry: ChannelTelemetryOptions;
  /** The sending end of a dead-letter channel for showstoppers dropped from this one. */
  readonly deadLetters: ChannelDescriptor | undefined;
}

/** Where built channels are registered (the graph): ids and names for telemetry. */
export interface ChannelRegistry {
  register(settings: ChannelSettings<unknown>): { id: number; name: string };
  attach(descriptor: ChannelDescriptor): void;
}

export class ChannelBuilder<T = number> {
  constructor(
    private readonly registry: ChannelRegistry,
    private readonly settings: ChannelSettings<T> = {
      capacity: DEFAULT_CAPACITY,
      codec: codecs.numbers as unknown as Codec<T>,
      name: undefined,
      telemetry: DEFAULT_CHANNEL_TELEMETRY,
      deadLetters: undefined,
    },
  ) {}

  private with<U = T>(patch: Partial<ChannelSettings<U>>): ChannelBuilder<U> {
    return new ChannelBuilder<U>(this.registry, {
      ...(this.settings as unknown as ChannelSettings<U>),
      ...patch,
    });
  }

  private withTelemetry(patch: Partial<ChannelTelemetryOptions>): ChannelBuilder<T> {
    return this.with({ telemetry: { ...this.settings.telemetry, ...patch } });
  }

  withCapacity(capacity: number): ChannelBuilder<T> {
    if (!Number.isInteger(capacity) || capacity <= 0) {
      throw new RangeError(`channel capacity must be a positive integer, got ${String(capacity)}`);
    }
    return this.with({ capacity });
  }

  /** The slot codec: what one message is and how it packs into the ring. */
  withCodec<U>(codec: Codec<U>): ChannelBuilder<U> {
    return this.with<U>({ codec });
  }

  withName(name: string): ChannelBuilder<T> {
    return this.with({ name });
  }

  /**
   * Showstoppers the consumer drops (`actor.dropShowstopper(rx)`) go to this channel instead of
   * vanishing: pass the sending end of a channel with the same codec; the consumer holds it.
   */
  withDeadLetters(deadLetterTx: Tx<T>): ChannelBuilder<T> {
    return this.with({ deadLetters: deadLetterTx.descriptor });
  }

  withAvgFilled(): ChannelBuilder<T> {
    return this.withTelemetry({ avgFilled: true });
  }

  withAvgRate(): ChannelBuilder<T> {
    return this.withTelemetry({ avgRate: true });
  }

  withAvgLatency(): ChannelBuilder<T> {
    return this.withTelemetry({ avgLatency: true });
  }

  /** Tracks a percentile of how full the channel is, e.g. `withFilledPercentile(80)`. */
  withFilledPercentile(percentile: number): ChannelBuilder<T> {
    return this.withTelemetry({
      filledPercentiles: addPercentile(this.settings.telemetry.filledPercentiles, percentile),
    });
  }

  /** Tracks a percentile of the take rate (messages per second), e.g. `withRatePercentile(90)`. */
  withRatePercentile(percentile: number): ChannelBuilder<T> {
    return this.withTelemetry({
      ratePercentiles: addPercentile(this.settings.telemetry.ratePercentiles, percentile),
    });
  }

  /** Colours the edge when the fill (in percent) crosses the trigger, e.g. `withFilledTrigger(avgAbove(90), 'red')`. */
  withFilledTrigger(trigger: Trigger, colour: Colour): ChannelBuilder<T> {
    return this.withTelemetry({
      filledTriggers: [...this.settings.telemetry.filledTriggers, { trigger, colour }],
    });
  }

  withRateTrigger(trigger: Trigger, colour: Colour): ChannelBuilder<T> {
    return this.withTelemetry({
      rateTriggers: [...this.settings.telemetry.rateTriggers, { trigger, colour }],
    });
  }

  withTelemetryWindow(windowMs: number): ChannelBuilder<T> {
    return this.withTelemetry({ windowMs: checkWindowMs(windowMs) });
  }

  withNoRefreshWindow(): ChannelBuilder<T> {
    return this.withTelemetry({ windowMs: 0 });
  }

  /** Builds one channel: its sending and receiving ends. */
  build(): [Tx<T>, Rx<T>] {
    const { id, name } = this.registry.register(this.settings as ChannelSettings<unknown>);
    const descriptor = allocateChannel(
      id,
      name,
      this.settings.capacity,
      this.settings.codec as Codec<unknown>,
      this.settings.deadLetters,
    );
    this.registry.attach(descriptor);
    return [new Tx<T>(descriptor), new Rx<T>(descriptor)];
  }

  /**
   * Builds a stream channel: the capacity counts messages (the control ring), `payloadBytes`
   * sizes the byte ring. `kind` 'ingress' also records each message's session id and arrival time.
   */
  buildStream(payloadBytes: number, kind: StreamKind = 'egress'): [StreamTx, StreamRx] {
    if (!Number.isInteger(payloadBytes) || payloadBytes <= 0) {
      throw new RangeError(
        `stream payload size must be a positive number of bytes, got ${String(payloadBytes)}`,
      );
    }
    const base = this.settings.name ?? 'stream';
    const controlCodec = kind === 'ingress' ? codecs.record(INGRESS_FIELDS) : codecs.i32;
    const [controlTx] = this.withCodec(controlCodec as Codec<unknown>)
      .withName(`${base}.control`)
      .build();
    const [payloadTx] = this.withCodec(codecs.u8 as Codec<unknown>)
      .withCapacity(payloadBytes)
      .withName(`${base}.payload`)
      .build();
    const descriptor: StreamDescriptor = {
      name: base,
      kind,
      control: controlTx.descriptor,
      payload: payloadTx.descriptor,
    };
    return [new StreamTx(descriptor), new StreamRx(descriptor)];
  }

  /** Builds `count` stream channels (a bundle: one per lane, e.g. one per Aeron stream id). */
  buildStreamBundle(
    count: number,
    payloadBytes: number,
    kind: StreamKind = 'egress',
  ): [StreamTx[], StreamRx[]] {
    const txs: StreamTx[] = [];
    const rxs: StreamRx[] = [];
    const base = this.settings.name ?? 'stream';
    for (let i = 0; i < count; i++) {
      const [tx, rx] = this.withName(`${base}${i}`).buildStream(payloadBytes, kind);
      txs.push(tx);
      rxs.push(rx);
    }
    return [txs, rxs];
  }

  /** Builds `count` channels with the same settings (a bundle, e.g. one per lane). */
  buildBundle(count: number): [Tx<T>[], Rx<T>[]] {
    const txs: Tx<T>[] = [];
    const rxs: Rx<T>[] = [];
    for (let i = 0; i < count; i++) {
      const [tx, rx] = this.build();
      txs.push(tx);
      rxs.push(rx);
    }
    return [txs, rxs];
  }
}
