import { describe, expect, it } from 'vitest';
import { Collector } from '../../src/telemetry/collector.ts';
import { createExposition } from '../../src/telemetry/prometheus.ts';
import { parseExposition } from './exposition-parser.ts';
import { FakeGraph } from './fake-graph.ts';
import { FRAME_MS, pipelineScenario } from './scenario.ts';

const numbers = { from: 'generator', to: 'worker', channel: 'numbers' };
const results = { from: 'worker', to: 'logger', channel: 'results' };

describe('/metrics', async () => {
  const exposition = createExposition(pipelineScenario());
  const text = await exposition.text();
  const families = parseExposition(text);
  /** The value of the one series of `name` with exactly these labels, or undefined. */
  const value = (name: string, labels: Record<string, string>): number | undefined =>
    families
      .get(name)
      ?.samples.find(
        (s) => JSON.stringify(Object.entries(s.labels)) === JSON.stringify(Object.entries(labels)),
      )?.value;

  it('is Prometheus text 0.0.4 that a strict reader accepts, every family with HELP and TYPE', () => {
    expect(exposition.contentType).toBe('text/plain; version=0.0.4; charset=utf-8');
    for (const [name, family] of families) {
      expect(family.help, name).toBeTruthy();
      expect(family.type, name).toMatch(/^(gauge|counter)$/);
    }
  });

  it('keeps the original names, counters included (no _total added or removed)', () => {
    const types = Object.fromEntries([...families].map(([name, f]) => [name, f.type]));
    expect(types).toEqual({
      avg_load: 'gauge',
      avg_mCPU: 'gauge',
      percentile_load: 'gauge',
      percentile_mCPU: 'gauge',
      graph_node_restarts: 'counter',
      inflight: 'gauge',
      send_total: 'counter',
      take_total: 'counter',
      showstoppers_dropped_total: 'counter',
      avg_filled: 'gauge',
      avg_rate: 'gauge',
      avg_latency: 'gauge',
      percentile_filled: 'gauge',
      percentile_rate: 'gauge',
    });
  });

  it('reports the actor figures each actor asks for (both averages when it asks for nothing)', () => {
    expect(value('avg_load', { actor_name: 'generator' })).toBe(50);
    expect(value('avg_mCPU', { actor_name: 'generator' })).toBeUndefined();
    expect(value('percentile_load', { actor_name: 'generator', p: '5000' })).toBe(50);
    expect(value('percentile_mCPU', { actor_name: 'generator', p: '9000' })).toBe(512);
    expect(value('avg_load', { actor_name: 'worker' })).toBe(37.5);
    expect(value('avg_mCPU', { actor_name: 'worker' })).toBe(384);
    expect(value('avg_mCPU', { actor_name: 'logger' })).toBe(128);
    expect(value('avg_load', { actor_name: 'logger' })).toBeUndefined();
    expect(value('graph_node_restarts', { actor_name: 'worker' })).toBe(2);
    expect(value('graph_node_restarts', { actor_name: 'generator' })).toBe(0);
  });

  it('reports the channel counters, and the figures each channel asks for with p in hundredths', () => {
    expect(value('send_total', numbers)).toBe(90);
    expect(value('take_total', numbers)).toBe(50);
    expect(value('inflight', numbers)).toBe(40);
    expect(value('avg_filled', numbers)).toBe(18);
    expect(value('avg_latency', numbers)).toBe(180);
    expect(value('avg_rate', numbers)).toBeUndefined();
    expect(value('percentile_filled', { ...numbers, p: '5000' })).toBe(20);
    expect(value('percentile_filled', { ...numbers, p: '9990' })).toBe(40);
    expect(value('percentile_rate', { ...numbers, p: '9000' })).toBe(200);
    expect(value('avg_rate', results)).toBe(0);
    expect(value('percentile_filled', { ...results, p: '8000' })).toBe(0);
    expect(value('showstoppers_dropped_total', results)).toBe(2);
  });
});

describe('/metrics label values', () => {
  it('escapes quotes, backslashes and newlines, and keeps same-named actors and channels apart', async () => {
    const g = new FakeGraph();
    const odd = 'say "hi"\\path\nnext line';
    const [tx1, rx1] = g.channelBuilder().withName(odd).build();
    const [tx2, rx2] = g.channelBuilder().withName(odd).build();
    g.actor((b) => b.withName(odd), [tx1, tx2], []);
    g.actor((b) => b.withName('sink'), [], [rx1]);
    g.actor((b) => b.withName('sink'), [], [rx2]);
    const collector = new Collector(g, FRAME_MS);
    collector.sample();
    const text = await createExposition(collector).text();
    expect(text).toContain(String.raw`actor_name="say \"hi\"\\path\nnext line"`);
    const families = parseExposition(text);
    const actorNames = families.get('avg_load')?.samples.map((s) => s.labels.actor_name);
    expect(actorNames).toEqual([odd, 'sink#1', 'sink#2']);
    const channels = families.get('send_total')?.samples.map((s) => s.labels);
    expect(channels).toEqual([
      { from: odd, to: 'sink#1', channel: `${odd}#1` },
      { from: odd, to: 'sink#2', channel: `${odd}#2` },
    ]);
  });
});

describe('the strict reader these tests use', () => {
  const head = '# HELP x An x.\n# TYPE x gauge\n';
  it.each([
    ['a sample with no HELP or TYPE', 'x 1\n'],
    ['an unescaped quote in a label value', `${head}x{a="say "hi""} 1\n`],
    ['an escape the format does not allow', `${head}x{a="\\t"} 1\n`],
    ['a value that is not a number', `${head}x one\n`],
    ['a family split in two', `${head}# HELP y A y.\n# TYPE y gauge\nx{a="1"} 1\ny 1\nx{a="2"} 1\n`],
    ['a repeated series', `${head}x{a="1"} 1\nx{a="1"} 2\n`],
    ['a bad type', '# HELP x An x.\n# TYPE x meter\nx 1\n'],
  ])('rejects %s', (_what, text) => {
    expect(() => parseExposition(text)).toThrow();
  });
  it('reads escaped label values back', () => {
    const families = parseExposition(`${head}x{a="q\\"b\\\\n\\n"} 1\n`);
    expect(families.get('x')?.samples[0]?.labels.a).toBe('q"b\\n\n');
  });
});
