import { describe, expect, it } from 'vitest';
import { FakeGraph } from './fake-graph.ts';

describe('telemetry options on the builders', () => {
  const g = new FakeGraph();

  it('accept percentiles in (0, 100] with up to two decimals, once each', () => {
    const channel = g
      .channelBuilder()
      .withFilledPercentile(80)
      .withFilledPercentile(99.99)
      .withFilledPercentile(80);
    g.actor(
      (b) => b.withName('a').withMcpuPercentile(50).withMcpuPercentile(50).withLoadPercentile(100),
      [],
      [],
    );
    channel.build();
    expect(g.channels.at(-1)?.telemetry.filledPercentiles).toEqual([80, 99.99]);
    expect(g.actors.at(-1)?.telemetry.mcpuPercentiles).toEqual([50]);
    expect(g.actors.at(-1)?.telemetry.loadPercentiles).toEqual([100]);
  });

  it.each([0, -5, 100.5, 99.999, Number.NaN, Number.POSITIVE_INFINITY])('refuse the percentile %s', (p) => {
    expect(() => g.channelBuilder().withFilledPercentile(p)).toThrow(RangeError);
    expect(() => g.channelBuilder().withRatePercentile(p)).toThrow(RangeError);
    g.actor(
      (b) => {
        expect(() => b.withMcpuPercentile(p)).toThrow(/percentile must be in \(0, 100\]/);
        expect(() => b.withLoadPercentile(p)).toThrow(RangeError);
        return b;
      },
      [],
      [],
    );
  });

  it.each([-1, Number.NaN, Number.POSITIVE_INFINITY])('refuse the window %s ms', (ms) => {
    expect(() => g.channelBuilder().withTelemetryWindow(ms)).toThrow(RangeError);
    g.actor(
      (b) => {
        expect(() => b.withTelemetryWindow(ms)).toThrow(/window must be a number of ms >= 0/);
        return b;
      },
      [],
      [],
    );
  });
});
