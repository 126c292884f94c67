/**
 * The telemetry vocabulary: which figures a channel or an actor reports, the triggers that
 * colour it on the dashboard, and over which window. Plain data with checks, imported by the
 * channel and actor builders (their fluent methods) and read by the collector; it imports nothing.
 */

export type Colour = 'yellow' | 'orange' | 'red';

/** A trigger compares a channel or actor figure with a bound, e.g. `avgAbove(90)` for percent filled. */
export interface Trigger {
  readonly kind: 'avg-above' | 'avg-below' | 'percentile-above' | 'percentile-below';
  readonly value: number;
  readonly percentile?: number;
}

export const avgAbove = (value: number): Trigger => ({ kind: 'avg-above', value });
export const avgBelow = (value: number): Trigger => ({ kind: 'avg-below', value });
export const percentileAbove = (percentile: number, value: number): Trigger => ({
  kind: 'percentile-above',
  value,
  percentile,
});
export const percentileBelow = (percentile: number, value: number): Trigger => ({
  kind: 'percentile-below',
  value,
  percentile,
});

/** A trigger and the colour it paints when it fires. */
export interface ColourTrigger {
  readonly trigger: Trigger;
  readonly colour: Colour;
}

export interface ChannelTelemetryOptions {
  readonly avgFilled: boolean;
  readonly avgRate: boolean;
  readonly avgLatency: boolean;
  readonly filledPercentiles: readonly number[];
  readonly ratePercentiles: readonly number[];
  readonly filledTriggers: readonly ColourTrigger[];
  readonly rateTriggers: readonly ColourTrigger[];
  /** Rolling window in ms; 0 turns windows off (figures since start). */
  readonly windowMs: number;
}

export interface ActorTelemetryOptions {
  readonly mcpuAvg: boolean;
  readonly loadAvg: boolean;
  readonly mcpuPercentiles: readonly number[];
  readonly loadPercentiles: readonly number[];
  readonly mcpuTriggers: readonly ColourTrigger[];
  readonly loadTriggers: readonly ColourTrigger[];
  /** Rolling window in ms; 0 turns windows off (figures since start). */
  readonly windowMs: number;
}

export const DEFAULT_WINDOW_MS = 10_000;

export const DEFAULT_CHANNEL_TELEMETRY: ChannelTelemetryOptions = {
  avgFilled: false,
  avgRate: false,
  avgLatency: false,
  filledPercentiles: [],
  ratePercentiles: [],
  filledTriggers: [],
  rateTriggers: [],
  windowMs: DEFAULT_WINDOW_MS,
};

export const DEFAULT_ACTOR_TELEMETRY: ActorTelemetryOptions = {
  mcpuAvg: false,
  loadAvg: false,
  mcpuPercentiles: [],
  loadPercentiles: [],
  mcpuTriggers: [],
  loadTriggers: [],
  windowMs: DEFAULT_WINDOW_MS,
};

/**
 * Checks a percentile for telemetry: in (0, 100] with at most two decimals, because the
 * Prometheus label `p` carries it in hundredths (`p="8000"` for 80, `p="9999"` for 99.99).
 */
function checkPercentile(percentile: number): number {
  const hundredths = percentile * 100;
  if (!(percentile > 0 && percentile <= 100) || Math.abs(hundredths - Math.round(hundredths)) > 1e-9) {
    throw new RangeError(
      `a telemetry percentile must be in (0, 100] with at most two decimals, got ${String(percentile)}`,
    );
  }
  return percentile;
}

/** Adds a percentile to a list once (a repeated one would show twice and clash in /metrics). */
export const addPercentile = (list: readonly number[], percentile: number): readonly number[] =>
  list.includes(checkPercentile(percentile)) ? list : [...list, percentile];

/** Checks a telemetry window: a finite number of ms >= 0 (0 = since start). */
export function checkWindowMs(windowMs: number): number {
  if (!(Number.isFinite(windowMs) && windowMs >= 0)) {
    throw new RangeError(`a telemetry window must be a number of ms >= 0, got ${String(windowMs)}`);
  }
  return windowMs;
}
