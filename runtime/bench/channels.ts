/**
 * The channel benchmark: messages per second between two threads through the runtime's
 * channels, against the `MessagePort` baseline a Node user would pick, plus a one-message
 * round trip and the CPU burnt while idle.
 *
 *   npx tsx runtime/bench/channels.ts [--smoke] [--only zero-copy,per-item,post,round-trip]
 *
 * Every channel variant is two solo actors of a real graph (each on a worker thread of its own),
 * moving Int32 numbers 0..N-1 through a 2^20-slot ring. The consumer maps each number to a
 * FizzBuzz code and folds it into an order-sensitive checksum (`channels/checksum.ts`); the main
 * thread checks the count and the checksum of every trial against a fused single-thread loop
 * over the same numbers (which is also the ceiling row). Each variant runs several trials; the
 * table shows the median trial (and the best).
 */
import {
  type BenchOptions,
  benchCommand,
  fixed,
  parseBenchOptions,
  runIfEntryPoint,
  TimeBudget,
} from '../src/bench/index.ts';
import { choiceOption } from '../src/cli/command-line.ts';
import { fusedChecksum } from './channels/checksum.ts';
import { runPostMessage } from './channels/postmessage.ts';
import { type RoundTripReport, runRoundTrip } from './channels/round-trip.ts';
import { channelTable, REFERENCE_VARIANT, type Row, rowFromTrials } from './channels/rows.ts';
import { runStream, type StreamActors } from './channels/stream.ts';
import {
  PerItemConsumer,
  PerItemProducer,
  ZeroCopyConsumer,
  ZeroCopyProducer,
} from './channels/stream-actors.ts';

const GROUPS = ['zero-copy', 'per-item', 'post', 'round-trip'] as const;
type Group = (typeof GROUPS)[number];

/** How much each variant moves: the full bench, and the smoke run that only proves it works. */
const SIZES = {
  full: {
    trials: 3,
    zeroCopy: 200_000_000,
    perItem: 100_000_000,
    postItem: 600_000,
    postBatch: 100_000_000,
    roundTrips: 20_000,
    roundTripWarmup: 2_000,
    idleMs: 1000,
    budgetMs: 85_000,
  },
  smoke: {
    trials: 2,
    zeroCopy: 100_000,
    perItem: 20_000,
    postItem: 5_000,
    postBatch: 100_000,
    roundTrips: 300,
    roundTripWarmup: 50,
    idleMs: 100,
    budgetMs: 60_000,
  },
} as const;

const RING = 2 ** 20;
const CHUNKS = [4096, 16384, 65536] as const;
/** The smoke run moves one chunk size only: the code path is the same for all three. */
const SMOKE_CHUNKS = [16384] as const;
const POST_CHUNK = 16384;
/** A variant that would start with less than this left of the budget is skipped (and reported). */
const RESERVE_MS = 5000;

interface Options extends BenchOptions {
  readonly only?: Group[];
}

export interface ChannelBenchReport {
  readonly rows: readonly Row[];
  readonly roundTrip: RoundTripReport | undefined;
  readonly totalSeconds: number;
}

export async function main(argv: readonly string[] = process.argv.slice(2)): Promise<ChannelBenchReport> {
  const options = parseBenchOptions<Options>(
    benchCommand('channels', 'Messages per second between two threads: channels against postMessage.').option(
      '--only <groups>',
      `run only these groups, comma-separated: ${GROUPS.join(', ')}`,
      (value: string) => value.split(',').map(choiceOption(GROUPS)),
    ),
    argv,
  );
  const size = options.smoke ? SIZES.smoke : SIZES.full;
  const selected = (group: Group) => !options.only || options.only.includes(group);
  const budget = new TimeBudget(size.budgetMs);
  const rows: Row[] = [];
  const say = (text: string) => process.stdout.write(`${text}\n`);
  say(
    `channel bench${options.smoke ? ' (smoke run: tiny counts, figures mean nothing)' : ''}: ` +
      `${size.trials} trials a variant, median shown; Node ${process.version}`,
  );

  // The expected checksums, timed: the fused single-thread loop is the ceiling for this work.
  const checksums = new Map<number, number>();
  const expectedFor = (total: number): number => {
    const known = checksums.get(total);
    if (known !== undefined) return known;
    const h = fusedChecksum(total);
    checksums.set(total, h);
    return h;
  };
  const fusedSeconds: number[] = [];
  for (let t = 0; t < size.trials; t++) {
    const t0 = performance.now();
    checksums.set(size.zeroCopy, fusedChecksum(size.zeroCopy));
    fusedSeconds.push((performance.now() - t0) / 1000);
  }
  rows.push(
    rowFromTrials('fused single-thread loop (ceiling, no channel)', size.zeroCopy, fusedSeconds, true),
  );

  /** Runs one variant within what is left of the time budget, and records its row. */
  const measure = async (name: string, messages: number, run: (timeoutMs: number) => Promise<Row>) => {
    if (budget.exhausted(RESERVE_MS)) {
      rows.push(rowFromTrials(name, messages, [], false, 'skipped: time budget'));
      return;
    }
    const row = await run(Math.min(30_000, budget.leftMs()));
    rows.push(row);
    say(`  ${name}: ${fixed(row.mps / 1e6)} M msg/s${row.verified ? '' : ' (NOT VERIFIED)'}`);
  };
  const stream = async (name: string, actors: StreamActors, total: number, chunk: number) => {
    const expected = expectedFor(total);
    const params = { total, trials: size.trials, chunk, ring: RING };
    await measure(name, total, (timeoutMs) => runStream(name, actors, params, expected, timeoutMs));
  };
  const post = async (name: string, total: number, chunk: number) => {
    const expected = expectedFor(total);
    const params = { total, trials: size.trials, chunk, ring: RING };
    await measure(name, total, (timeoutMs) => runPostMessage(name, params, expected, timeoutMs));
  };

  if (selected('zero-copy')) {
    for (const chunk of options.smoke ? SMOKE_CHUNKS : CHUNKS) {
      const name = `batched zero-copy, ${chunk / 1024}K chunks`;
      await stream(name, [ZeroCopyProducer, ZeroCopyConsumer], size.zeroCopy, chunk);
    }
  }
  if (selected('per-item')) {
    await stream('per-item trySend/tryTake', [PerItemProducer, PerItemConsumer], size.perItem, 1);
  }
  if (selected('post')) {
    await post(`postMessage batched (${POST_CHUNK / 1024}K transferred buffers)`, size.postBatch, POST_CHUNK);
    await post('postMessage per item', size.postItem, 1);
  }
  let roundTrip: RoundTripReport | undefined;
  if (selected('round-trip') && !budget.exhausted(RESERVE_MS)) {
    roundTrip = await runRoundTrip(
      { trips: size.roundTrips, warmup: size.roundTripWarmup, idleMs: size.idleMs },
      Math.min(20_000, budget.leftMs()),
    );
  }

  say('');
  say(channelTable(rows));
  if (roundTrip) {
    say('');
    say(
      `round trip (ping-pong over two capacity-1 channels, ${roundTrip.trips.toLocaleString('en-US')} trips): ` +
        `median ${fixed(roundTrip.medianUs)} µs, p99 ${fixed(roundTrip.p99Us)} µs, ` +
        `p99.9 ${fixed(roundTrip.p999Us)} µs, max ${fixed(roundTrip.maxUs, 0)} µs` +
        (roundTrip.verified ? '' : ' (NOT VERIFIED)'),
    );
    say(
      `idle for ${fixed(roundTrip.idleWallMs, 0)} ms with both actors waiting on their channels: ` +
        `process CPU ${fixed(roundTrip.idleCpuMs, 1)} ms (all threads); event loop active ` +
        `${fixed(roundTrip.idleActivePingMs, 1)} ms (pinger thread, that span), ` +
        `${fixed(roundTrip.idleActivePongMs, 1)} ms (ponger thread, from the idle marker to shutdown)`,
    );
  }
  const totalSeconds = budget.elapsedMs() / 1000;
  say(`\nchannel bench took ${fixed(totalSeconds, 1)} s (the reference row is "${REFERENCE_VARIANT}")`);
  // A slow machine may time a variant out or skip it (its row says so); a wrong result is a bug.
  const wrong = rows.filter((r) => !r.verified && !r.note).map((r) => r.variant);
  const failed = rows.filter((r) => r.note?.startsWith('failed')).map((r) => `${r.variant} (${r.note})`);
  if (roundTrip && !roundTrip.verified) wrong.push('round trip');
  if (wrong.length + failed.length > 0)
    throw new Error(`wrong results: ${[...wrong, ...failed].join(', ')}; see the table above`);
  return { rows, roundTrip, totalSeconds };
}

runIfEntryPoint(import.meta.url, main);
