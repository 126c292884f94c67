/**
 * Telemetry overhead: the lesson-02 pipeline shape (generator → worker → logger, solo
 * actors, numbers) run with telemetry off, on, and on with a dashboard polling it; same
 * message count; prints median messages/s, the spread, and the overhead. (Heartbeat omitted
 * here: it only adds a timer-driven actor.)
 */
import {
  type BenchOptions,
  benchCommand,
  count,
  fixed,
  formatTable,
  median,
  parseBenchOptions,
  runIfEntryPoint,
} from '../src/bench/index.ts';
import type { Graph } from '../src/graph/graph.ts';
import { GraphBuilder, SoloAct } from '../src/index.ts';
import { Collector } from '../src/telemetry/collector.ts';
import { toDot } from '../src/telemetry/dot.ts';
import { DEFAULT_TELEMETRY_SETTINGS } from '../src/telemetry/index.ts';
import { createExposition } from '../src/telemetry/prometheus.ts';
// The generator (0..count-1, then its output closes) and the worker (forwards everything): the
// same actors the runtime's tests use.
import { CountTo, Relay } from '../test/fixtures/actors.ts';
import { Logger } from './telemetry/logger.ts';

/** Numbers through the pipeline per run, runs per variant, calls per work-cost figure. */
const SIZES = {
  full: { messages: 2_000_000, rounds: 5, warmUp: true, sampleCalls: 2000, dotCalls: 500, scrapes: 200 },
  smoke: { messages: 5_000, rounds: 1, warmUp: false, sampleCalls: 50, dotCalls: 20, scrapes: 10 },
} as const;
type Size = (typeof SIZES)[keyof typeof SIZES];

/** How a run watches the graph: not at all, the collector alone, or the collector plus an open dashboard. */
type Variant = 'off' | 'on' | 'on + dashboard';
const VARIANTS: readonly Variant[] = ['off', 'on', 'on + dashboard'];
const DASHBOARD_REFRESH_MS = 200; // the dashboard's default refresh
const RUN_LIMIT_MS = 30_000; // a run takes about a second

/** Adds generator → worker → logger, solo actors, channels of 4096. */
function addPipeline<G extends Graph<unknown>>(graph: G, messages: number): G {
  const [genTx, genRx] = graph.channelBuilder().withCapacity(4096).build();
  const [workTx, workRx] = graph.channelBuilder().withCapacity(4096).build();
  graph.actorBuilder().withName('generator').build(CountTo, [genTx, messages], SoloAct);
  graph.actorBuilder().withName('worker').build(Relay, [genRx, workTx], SoloAct);
  graph.actorBuilder().withName('logger').build(Logger, [workRx], SoloAct);
  return graph;
}

/** One run: messages per second through the pipeline, from start until it has stopped. */
async function run(variant: Variant, messages: number): Promise<number> {
  const base = GraphBuilder.forTesting();
  const graph = addPipeline((variant === 'off' ? base : base.withTelemetry()).build({}), messages);
  const t0 = performance.now();
  graph.start();
  const dashboard = variant === 'on + dashboard' ? pollLikeADashboard(graph.telemetry?.address) : undefined;
  // blockUntilStopped waits for a shutdown request without limit: a hung run must not hang the bench.
  let hung = false;
  const watchdog = setTimeout(() => {
    hung = true;
    graph.requestShutdown();
  }, RUN_LIMIT_MS);
  let elapsedMs: number;
  try {
    await graph.blockUntilStopped(10_000);
    elapsedMs = performance.now() - t0;
  } finally {
    clearTimeout(watchdog);
    await dashboard?.stop();
  }
  if (hung) throw new Error(`a run with telemetry ${variant} did not finish in ${RUN_LIMIT_MS} ms: a hang`);
  return messages / (elapsedMs / 1000);
}

/** Fetches /graph.dot at the dashboard's refresh rate, as an open dashboard would. */
function pollLikeADashboard(address: Promise<string> | undefined): { stop(): Promise<void> } {
  let running = true;
  const loop = (async () => {
    const at = await address;
    while (running) {
      await fetch(`${at}/graph.dot`)
        .then((r) => r.text())
        .catch(() => undefined);
      await new Promise((r) => setTimeout(r, DASHBOARD_REFRESH_MS));
    }
  })();
  return {
    stop: () => {
      running = false;
      return loop;
    },
  };
}

/** Mean µs of one call of `work`, over `calls` calls after a few warm-up calls. */
function microseconds(calls: number, work: () => unknown): number {
  for (let i = 0; i < 20; i++) work();
  const t0 = performance.now();
  for (let i = 0; i < calls; i++) work();
  return (1000 * (performance.now() - t0)) / calls;
}

/**
 * What telemetry costs the process, measured without the noise of throughput: the time of
 * one sample (every frame), one /graph.dot (every dashboard refresh) and one /metrics, on the
 * same pipeline, and the share of one core that makes at the default rates.
 */
async function workCost(
  size: Size,
): Promise<{ what: string; micros: number; everyMs: number | undefined }[]> {
  const graph = addPipeline(GraphBuilder.forTesting().build({}), size.messages);
  graph.start();
  const collector = new Collector(graph, DEFAULT_TELEMETRY_SETTINGS.frameMs);
  const metrics = createExposition(collector);
  const sample = microseconds(size.sampleCalls, () => collector.sample());
  const dot = microseconds(size.dotCalls, () => toDot(collector));
  const t0 = performance.now();
  for (let i = 0; i < size.scrapes; i++) await metrics.text();
  const scrape = (1000 * (performance.now() - t0)) / size.scrapes;
  await graph.blockUntilStopped(60_000);
  return [
    { what: 'sample (every frame)', micros: sample, everyMs: DEFAULT_TELEMETRY_SETTINGS.frameMs },
    { what: '/graph.dot (dashboard refresh)', micros: dot, everyMs: DASHBOARD_REFRESH_MS },
    { what: '/metrics (one scrape)', micros: scrape, everyMs: undefined },
  ];
}

export interface TelemetryBenchResult {
  readonly variant: Variant;
  readonly runs: readonly number[];
  readonly median: number;
  /** Median throughput lost against "off", percent (negative: faster than off, i.e. noise). */
  readonly overheadPct: number;
}

/**
 * Runs every variant `rounds` times, interleaved and in a rotating order (so drift of the machine
 * — other load, CPU clocks — falls on every variant alike), after one discarded warm-up run;
 * prints medians with the spread (min – max) and the overhead of the medians.
 */
export async function main(argv: readonly string[] = process.argv.slice(2)): Promise<TelemetryBenchResult[]> {
  const options = parseBenchOptions<BenchOptions>(
    benchCommand('telemetry', 'What telemetry and an open dashboard cost a pipeline.'),
    argv,
  );
  const size = options.smoke ? SIZES.smoke : SIZES.full;
  if (size.warmUp) await run('off', size.messages); // module loading and JIT of the first graph
  const runs = new Map<Variant, number[]>(VARIANTS.map((v) => [v, []]));
  for (let round = 0; round < size.rounds; round++) {
    for (let k = 0; k < VARIANTS.length; k++) {
      const variant = VARIANTS[(round + k) % VARIANTS.length] as Variant;
      runs.get(variant)?.push(await run(variant, size.messages));
    }
  }
  const off = median(runs.get('off') ?? []);
  const results = VARIANTS.map((variant) => {
    const r = runs.get(variant) ?? [];
    const m = median(r);
    return { variant, runs: r, median: m, overheadPct: (100 * (off - m)) / off };
  });
  const throughput = formatTable(
    [{ header: 'telemetry', align: 'left' }, 'median msg/s', 'spread (min – max)', 'overhead of medians'],
    results.map((r) => [
      r.variant,
      count(r.median),
      `${count(Math.min(...r.runs))} – ${count(Math.max(...r.runs))}`,
      r.variant === 'off' ? '—' : `${fixed(r.overheadPct, 1)} %`,
    ]),
  );
  const costs = formatTable(
    [{ header: 'work', align: 'left' }, 'µs per call', 'one core'],
    (await workCost(size)).map((c) => [
      c.what,
      fixed(c.micros, 1),
      c.everyMs === undefined ? '—' : `${fixed((100 * c.micros) / (1000 * c.everyMs), 3)} %`,
    ]),
  );
  process.stdout.write(
    [
      `telemetry overhead${options.smoke ? ' (smoke run: tiny counts, figures mean nothing)' : ''}: ` +
        `generator → worker → logger, ${size.messages.toLocaleString('en-US')} numbers, ${size.rounds} interleaved runs each`,
      throughput,
      'target: overhead < 5 %; differences inside the spread are noise',
      '',
      'telemetry work on the main thread (time per call; share of one core at the default rate):',
      costs,
      '',
    ].join('\n'),
  );
  return results;
}

runIfEntryPoint(import.meta.url, main);
