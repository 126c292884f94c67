/**
 * The FizzBuzz benchmark: the lesson's graph against what a Node user would write instead,
 * side by side, in one run. `npm run bench` (options: `npm run bench -- --help`;
 * `npm run bench -- --smoke` checks in seconds that every variant runs, measuring nothing).
 *
 * Every variant does the same work — generate 0, 1, 2, …, map each value to its FizzBuzz
 * code, count Fizz/Buzz/FizzBuzz/Value — and every variant's counts are checked at the end.
 */
import os from 'node:os';
import { integerOption, setLogLevel } from '@steady/runtime';
import {
  type BenchOptions,
  benchCommand,
  count,
  fixed,
  formatTable,
  median,
  parseBenchOptions,
  runIfEntryPoint,
  TimeBudget,
} from '@steady/runtime/bench';
import { DEFAULT_ARGS, MAX_CHUNK, PLACEMENTS, type Placement } from '../src/args.ts';
import { expectedCounts } from '../src/fizzbuzz.ts';
import type { Counts } from './batch-work.ts';
import { lessonGraph } from './lesson-graph.ts';
import { GcCounter, heapUsed, MB, RssSampler } from './measure.ts';
import { mapStepAlone } from './modulo.ts';
import { batchedPostMessage, perMessagePostMessage } from './postmessage.ts';
import { lessonHotPath, objectStreams, singleThreadLoop } from './single-thread.ts';

interface Options extends BenchOptions {
  messages: number;
  scaleDown: number;
  runs: number;
  chunk: number;
  placement: Placement;
  spin: number;
  sweep: boolean;
  budget: number;
}

/** What `--smoke` runs instead of the given counts: enough to pass through every variant once. */
const SMOKE = { messages: 200_000, scaleDown: 20, runs: 1 } as const;

const parsed = parseBenchOptions<Options>(
  benchCommand('bench', 'FizzBuzz through the lesson graph and through the usual Node alternatives.')
    .option('-n, --messages <n>', 'messages for the ring variants', integerOption(1), 200_000_000)
    .option('--scale-down <n>', 'divide the messages by this for per-message variants', integerOption(1), 100)
    .option('--runs <n>', 'runs per variant (the median is reported)', integerOption(1, 9), 3)
    .option(
      '-c, --chunk <n>',
      'batch size of the lesson graph',
      integerOption(1, MAX_CHUNK),
      DEFAULT_ARGS.chunk,
    )
    .option(
      '-p, --placement <name>',
      `lesson graph placement: ${PLACEMENTS.join(', ')}`,
      DEFAULT_ARGS.placement,
    )
    .option('-s, --spin <turns>', 'spin turns before a wait sleeps', integerOption(0), DEFAULT_ARGS.spin)
    .option('--sweep', 'instead: the zero-copy graph over chunk sizes, placements and spins')
    .option('--budget <s>', 'stop starting new runs after this many seconds', integerOption(10), 150),
);
if (!PLACEMENTS.includes(parsed.placement)) {
  console.error(`--placement must be one of ${PLACEMENTS.join(', ')}`);
  process.exit(2);
}
const options: Options = parsed.smoke ? { ...parsed, ...SMOKE } : parsed;

setLogLevel('warn'); // the logger's count lines would drown the table
const budget = new TimeBudget(options.budget * 1000);

interface Outcome {
  readonly messages: number;
  readonly seconds: number;
  /** The counts to check and how many messages they cover. */
  readonly counts: Counts;
  readonly countedMessages: number;
  /** For the threaded ring variants: memory once running, and its peak in the measured window. */
  readonly rssInRun?: { readonly first: number; readonly peak: number };
}

interface Row {
  readonly name: string;
  readonly messages: number;
  readonly rates: number[];
  readonly startRss: number;
  readonly peakRss: number;
  readonly heapBefore: number;
  readonly heapAfter: number;
  readonly gcs: number;
  readonly countsOk: boolean;
  readonly skipped: number;
  readonly failed: number;
  readonly rssInRun: { first: number; peak: number } | undefined;
}

async function measure(
  name: string,
  messages: number,
  run: (sample: () => void) => Promise<Outcome> | Outcome,
): Promise<Row> {
  const rates: number[] = [];
  const rss = new RssSampler();
  const gc = new GcCounter();
  let countsOk = true;
  let skipped = 0;
  let failed = 0;
  let rssInRun: { first: number; peak: number } | undefined;
  const heapBefore = heapUsed();
  rss.start();
  gc.start();
  for (let i = 0; i < options.runs; i++) {
    if (budget.exhausted()) {
      skipped++;
      continue;
    }
    let outcome: Outcome;
    try {
      outcome = await run(() => rss.sample());
    } catch (error) {
      console.error(`  ${name}: ${(error as Error).message}`);
      failed++;
      continue;
    }
    const expected = expectedCounts(outcome.countedMessages);
    const ok = JSON.stringify(outcome.counts) === JSON.stringify(expected);
    if (!ok)
      console.error(
        `${name}: counts ${JSON.stringify(outcome.counts)}, expected ${JSON.stringify(expected)}`,
      );
    countsOk &&= ok;
    if (outcome.rssInRun) {
      const { first, peak } = outcome.rssInRun;
      rssInRun = { first: Math.max(rssInRun?.first ?? 0, first), peak: Math.max(rssInRun?.peak ?? 0, peak) };
    }
    rates.push(outcome.messages / outcome.seconds);
    process.stdout.write(`  ${name}: ${(outcome.messages / outcome.seconds / 1e6).toFixed(1)} M/s\n`);
  }
  const heapAfter = heapUsed();
  const gcs = await gc.stop();
  return {
    name,
    messages,
    rates,
    startRss: rss.atStart,
    peakRss: rss.stop(),
    heapBefore,
    heapAfter,
    gcs,
    countsOk,
    skipped,
    failed,
    rssInRun,
  };
}

const asOutcome = (r: { messages: number; seconds: number; counts: Counts }): Outcome => ({
  ...r,
  countedMessages: r.messages,
});

async function graphOutcome(
  worker: 'zero-copy' | 'double-buffer',
  chunk: number,
  placement: Placement,
  spin: number,
) {
  const r = await lessonGraph(options.messages, { worker, chunk, placement, spin });
  return {
    messages: r.messages,
    seconds: r.seconds,
    counts: r.processedCounts,
    countedMessages: r.processed,
    rssInRun: { first: r.rssAtFirstMessage, peak: r.rssPeakInRun },
  };
}

/** Millions a second, with more decimals for the slow per-message variants (a smoke run's are tiny). */
const millionsPerSecond = (rate: number) => fixed(rate / 1e6, rate < 1e6 ? 3 : 1);

function printTable(rows: readonly Row[], baseline: number | undefined): void {
  const lines = rows.map((r) => {
    const m = median(r.rates);
    return [
      r.name,
      count(r.messages),
      Number.isNaN(m) ? 'skipped' : millionsPerSecond(m),
      r.rates.map(millionsPerSecond).join(' / ') +
        (r.skipped ? ` (${r.skipped} skipped)` : '') +
        (r.failed ? ` (${r.failed} failed)` : ''),
      baseline && !Number.isNaN(m) ? fixed(m / baseline) : '—',
      `${Math.round(r.startRss / MB)} → ${Math.round(r.peakRss / MB)} MB`,
      r.rssInRun ? `${Math.round(r.rssInRun.first / MB)} → ${Math.round(r.rssInRun.peak / MB)} MB` : '—',
      `${fixed(r.heapBefore / MB, 1)} → ${fixed(r.heapAfter / MB, 1)} MB`,
      String(r.gcs),
      r.failed > 0 ? 'FAILED' : !r.countsOk ? 'WRONG' : r.rates.length === 0 ? '—' : 'ok',
    ];
  });
  const header = [
    { header: 'variant', align: 'left' as const },
    'messages',
    'M msg/s (median)',
    'runs (M/s)',
    '× loop',
    'RSS start → peak',
    'RSS in run',
    'main heap before → after',
    'main GCs',
    { header: 'counts', align: 'left' as const },
  ];
  console.log(`\n${formatTable(header, lines)}`);
}

function describeMachine(): string {
  const cpus = os.cpus();
  return `${cpus.length} × ${cpus[0]?.model ?? 'unknown CPU'}, ${Math.round(os.totalmem() / 1024 ** 3)} GB, Node ${process.version}, ${os.platform()} ${os.release()}`;
}

async function main(): Promise<void> {
  if (options.smoke) console.log('smoke run: tiny counts, one run each; the figures mean nothing');
  const small = Math.max(1, Math.floor(options.messages / options.scaleDown));
  console.log(
    `machine: ${describeMachine()}; load average ${os
      .loadavg()
      .map((l) => l.toFixed(2))
      .join(' ')}`,
  );
  const rows: Row[] = [];
  if (options.sweep) {
    const sweep: [string, number, Placement, number][] = [
      ...[4096, 16_384, 65_536, 262_144, MAX_CHUNK].map(
        (chunk) =>
          [`chunk ${chunk}`, chunk, 'default', DEFAULT_ARGS.spin] as [string, number, Placement, number],
      ),
      ...PLACEMENTS.map(
        (p) =>
          [`placement ${p}`, DEFAULT_ARGS.chunk, p, DEFAULT_ARGS.spin] as [string, number, Placement, number],
      ),
      ...[0, 100_000].map(
        (spin) =>
          [`spin ${spin}`, DEFAULT_ARGS.chunk, 'default', spin] as [string, number, Placement, number],
      ),
    ];
    console.log(
      `sweep: zero-copy lesson graph, ${options.messages.toLocaleString('en-US')} messages a run, median of ${options.runs}`,
    );
    for (const [name, chunk, placement, spin] of sweep)
      rows.push(
        await measure(name, options.messages, () => graphOutcome('zero-copy', chunk, placement, spin)),
      );
    printTable(rows, undefined);
    return;
  }
  console.log(
    `${options.messages.toLocaleString('en-US')} messages per run for the ring and batch variants, ` +
      `${small.toLocaleString('en-US')} (1/${options.scaleDown}) for the per-message ones; median of ${options.runs}; ` +
      `lesson graph: chunk ${options.chunk}, placement ${options.placement}, spin ${options.spin}`,
  );
  const { chunk, placement, spin } = options;
  rows.push(
    await measure('3. single-thread loop', options.messages, (s) =>
      asOutcome(singleThreadLoop(options.messages, s)),
    ),
  );
  rows.push(
    await measure('1. lesson graph, zero copy', options.messages, () =>
      graphOutcome('zero-copy', chunk, placement, spin),
    ),
  );
  rows.push(
    await measure('2. lesson graph, double buffer', options.messages, () =>
      graphOutcome('double-buffer', chunk, placement, spin),
    ),
  );
  rows.push(
    await measure('4. postMessage, batches transferred', options.messages, async () =>
      asOutcome(await batchedPostMessage(options.messages)),
    ),
  );
  rows.push(
    await measure('5. postMessage per message', small, async () =>
      asOutcome(await perMessagePostMessage(small)),
    ),
  );
  rows.push(
    await measure('6. object-mode streams', small, async () => asOutcome(await objectStreams(small))),
  );
  rows.push(
    await measure('hot path: zero copy, one thread', options.messages, (s) =>
      asOutcome(lessonHotPath(options.messages, 'zero-copy', s, chunk)),
    ),
  );
  rows.push(
    await measure('hot path: double buffer, one thread', options.messages, (s) =>
      asOutcome(lessonHotPath(options.messages, 'double-buffer', s, chunk)),
    ),
  );
  printTable(rows, median(rows[0]?.rates ?? []));
  const maps = Array.from({ length: 3 }, () => mapStepAlone(options.messages / 4));
  const mapRows = (maps[0] ?? []).map((first, i) => [
    first.name,
    fixed(median(maps.map((m) => m[i]?.perSecond ?? Number.NaN)) / 1e6, 0),
  ]);
  console.log('\nthe map step alone, on one thread (median of 3):\n');
  console.log(formatTable([{ header: 'map step', align: 'left' }, 'M values/s'], mapRows));
  console.log(`\ntotal bench time ${fixed(budget.elapsedMs() / 1000, 0)} s`);
}

runIfEntryPoint(import.meta.url, main);
