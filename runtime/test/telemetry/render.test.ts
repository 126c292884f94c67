import { describe, expect, it } from 'vitest';
import { avgAbove, percentileAbove } from '../../src/channel/channel-builder.ts';
import type { Graph } from '../../src/graph/graph.ts';
import { Collector } from '../../src/telemetry/collector.ts';
import { toDot } from '../../src/telemetry/dot.ts';
import { exposition } from '../../src/telemetry/prometheus.ts';
import { worstColour } from '../../src/telemetry/triggers.ts';

describe('triggers', () => {
  it('fire on average and percentile, worst colour wins', () => {
    const t = [
      { trigger: avgAbove(50), colour: 'yellow' as const },
      { trigger: percentileAbove(80, 90), colour: 'red' as const },
    ];
    expect(worstColour(t, [10, 20])).toBeUndefined();
    expect(worstColour(t, [60, 60])).toBe('yellow');
    expect(worstColour(t, [60, 95])).toBe('red');
  });
});

/** A two-actor graph shape, with counters the test writes itself. */
function fakeGraph(busy: number[]) {
  const chanTelemetry = {
    avgFilled: true,
    avgRate: true,
    avgLatency: false,
    filledPercentiles: [80],
    ratePercentiles: [],
    filledTriggers: [],
    rateTriggers: [],
    windowMs: 1000,
  };
  const actorTelemetry = {
    mcpuAvg: true,
    loadAvg: true,
    mcpuPercentiles: [],
    loadPercentiles: [],
    mcpuTriggers: [],
    loadTriggers: [{ trigger: avgAbove(60), colour: 'red' as const }],
    windowMs: 1000,
  };
  return {
    actors: [
      { index: 0, name: 'generator', spec: { telemetry: actorTelemetry }, sends: [1], takes: [] },
      { index: 1, name: 'worker', spec: { telemetry: actorTelemetry }, sends: [], takes: [1] },
    ],
    channels: [
      { id: 1, name: 'nums', settings: { capacity: 64, telemetry: chanTelemetry }, descriptor: undefined },
    ],
    control: { busyMs: (i: number) => busy[i] ?? 0, restarts: (i: number) => (i === 1 ? 2 : 0) },
  } as unknown as Graph<unknown>;
}

describe('DOT and /metrics', () => {
  const busy = [0, 0];
  const graph = fakeGraph(busy);
  const c = new Collector(graph, 100);
  c.sample();
  busy[0] = 90;
  busy[1] = 10;
  c.sample();

  it('labels nodes and edges and colours a firing trigger', () => {
    const dot = toDot(graph, c);
    expect(dot).toContain('rankdir=LR');
    expect(dot).toMatch(
      /"a0" \[label="generator\\nwindow 1\.0s\\nAvg load: 90\.0%\\nAvg mCPU: \d+", color=red/,
    );
    expect(dot).toContain('Restarts: 2');
    expect(dot).toMatch(
      /"a0" -> "a1" \[label="Avg rate: 0\/s\\nfilled 80%ile: 0%\\nCapacity: 64 Total: 0"\]/,
    );
  });

  it('writes a valid exposition with HELP/TYPE for every metric', () => {
    const text = exposition(c);
    const names = [
      'avg_load',
      'avg_mCPU',
      'graph_node_restarts',
      'inflight',
      'send_total',
      'take_total',
      'avg_filled',
      'avg_rate',
      'percentile_filled',
    ];
    for (const n of names) {
      expect(text).toContain(`# HELP ${n} `);
      expect(text).toMatch(new RegExp(`# TYPE ${n} (gauge|counter)\\n`));
    }
    const line =
      /^[a-zA-Z_:][a-zA-Z0-9_:]*(\{([a-zA-Z_][a-zA-Z0-9_]*="([^"\\\n]|\\.)*",?)*\})? -?[0-9.eE+-]+$/;
    for (const l of text.trimEnd().split('\n')) {
      if (!l.startsWith('#')) expect(l).toMatch(line);
    }
    expect(text).toContain('graph_node_restarts{actor_name="worker"} 2');
    expect(text).toContain('percentile_filled{from="generator",to="worker",channel="nums",p="8000"} 0');
  });
});
