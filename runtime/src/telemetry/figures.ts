/**
 * Which figures a node or an edge reports, chosen by its telemetry options, and their values
 * over the window: the one place where the DOT picture and /metrics agree on what to show.
 */
import type { ActorSample, ChannelSample } from './collector.ts';
import type { ActorTelemetryOptions, ChannelTelemetryOptions, Colour } from './options.ts';
import { percentile } from './percentile.ts';
import { moreSevere, worstColour } from './triggers.ts';

export interface PercentileFigure {
  /** The percentile asked for, 0 < p <= 100. */
  readonly p: number;
  readonly value: number;
}

export interface ChannelFigures {
  /** Average fill, percent. */
  readonly avgFilled: number | undefined;
  /** Average take rate, messages per second. */
  readonly avgRate: number | undefined;
  /** Average latency estimate, ms. */
  readonly avgLatencyMs: number | undefined;
  readonly filledPercentiles: readonly PercentileFigure[];
  readonly ratePercentiles: readonly PercentileFigure[];
  /** The most severe firing trigger's colour. */
  readonly colour: Colour | undefined;
}

export interface ActorFigures {
  /** Average mCPU (1024 = one core). */
  readonly avgMcpu: number | undefined;
  /** Average share of all actors' busy time, percent. */
  readonly avgLoad: number | undefined;
  readonly mcpuPercentiles: readonly PercentileFigure[];
  readonly loadPercentiles: readonly PercentileFigure[];
  readonly colour: Colour | undefined;
}

/**
 * What an edge shows when its channel asks for nothing: the rate and how full the channel
 * usually is, enough to spot a bottleneck on a graph nobody has tuned yet.
 */
const DEFAULT_CHANNEL_FIGURES: Pick<ChannelTelemetryOptions, 'avgRate' | 'filledPercentiles'> = {
  avgRate: true,
  filledPercentiles: [80],
};

/** What a node shows when its actor asks for nothing: both averages. */
const DEFAULT_ACTOR_FIGURES: Pick<ActorTelemetryOptions, 'mcpuAvg' | 'loadAvg'> = {
  mcpuAvg: true,
  loadAvg: true,
};

function channelAsks(o: ChannelTelemetryOptions): ChannelTelemetryOptions {
  const asked =
    o.avgFilled ||
    o.avgRate ||
    o.avgLatency ||
    o.filledPercentiles.length > 0 ||
    o.ratePercentiles.length > 0;
  return asked ? o : { ...o, ...DEFAULT_CHANNEL_FIGURES };
}

function actorAsks(o: ActorTelemetryOptions): ActorTelemetryOptions {
  const asked = o.mcpuAvg || o.loadAvg || o.mcpuPercentiles.length > 0 || o.loadPercentiles.length > 0;
  return asked ? o : { ...o, ...DEFAULT_ACTOR_FIGURES };
}

const percentiles = (ps: readonly number[], values: readonly number[]): PercentileFigure[] =>
  ps.map((p) => ({ p, value: percentile(values, p) }));

/** Latency estimate in ms: average in-flight divided by average take rate (Little's law). */
export function latencyMs(ch: ChannelSample): number {
  const rate = ch.rate.average();
  return rate > 0 ? (1000 * ch.inflightWindow.average()) / rate : 0;
}

export function channelFigures(ch: ChannelSample): ChannelFigures {
  const o = channelAsks(ch.telemetry);
  const filled = ch.filled.snapshot();
  const rate = ch.rate.snapshot();
  return {
    avgFilled: o.avgFilled ? ch.filled.average() : undefined,
    avgRate: o.avgRate ? ch.rate.average() : undefined,
    avgLatencyMs: o.avgLatency ? latencyMs(ch) : undefined,
    filledPercentiles: percentiles(o.filledPercentiles, filled),
    ratePercentiles: percentiles(o.ratePercentiles, rate),
    colour: moreSevere(worstColour(o.filledTriggers, filled), worstColour(o.rateTriggers, rate)),
  };
}

export function actorFigures(a: ActorSample): ActorFigures {
  const o = actorAsks(a.telemetry);
  const mcpu = a.mcpu.snapshot();
  const load = a.load.snapshot();
  return {
    avgMcpu: o.mcpuAvg ? a.mcpu.average() : undefined,
    avgLoad: o.loadAvg ? a.load.average() : undefined,
    mcpuPercentiles: percentiles(o.mcpuPercentiles, mcpu),
    loadPercentiles: percentiles(o.loadPercentiles, load),
    colour: moreSevere(worstColour(o.mcpuTriggers, mcpu), worstColour(o.loadTriggers, load)),
  };
}
