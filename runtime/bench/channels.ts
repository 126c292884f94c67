/**
 * The channel benchmark: messages per second between two threads through the runtime's
 * channels, against the `MessagePort` baseline a Node user would pick, plus a one-message
 * round trip and the CPU burnt while idle.
 *
 *   npx tsx runtime/bench/channels.ts        (or `npm run bench -w runtime`, which runs all benches)
 *
 * Every channel variant is two solo actors of a real graph (each on a worker thread of its own),
 * moving Int32 numbers 0..N-1 through a 2^20-slot ring. The consumer maps each number to a
 * FizzBuzz code (-3 FizzBuzz, -2 Buzz, -1 Fizz, else the number) and folds it into an
 * order-sensitive checksum; the main thread checks the count and the checksum of every trial
 * against a fused single-thread loop over the same numbers (which is also the ceiling row).
 * Each variant runs TRIALS trials; the table shows the median trial (and the best).
 */

import { realpathSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { isMainThread, MessageChannel, type MessagePort, Worker } from 'node:worker_threads';
import {
  type ActorDefinition,
  codecs,
  defineActor,
  GraphBuilder,
  type Rx,
  SoloAct,
  type SteadyActor,
  type Tx,
} from '../src/index.ts';

const RING = 2 ** 20;
const TRIALS = 3;
const ZERO_COPY_TOTAL = 200_000_000;
const PER_ITEM_TOTAL = 100_000_000;
const POST_ITEM_TOTAL = 600_000;
const POST_BATCH_TOTAL = 100_000_000;
const CHUNKS = [4096, 16384, 65536] as const;
const REFERENCE_CHUNK = 16384;
const ROUND_TRIPS = 20_000;
const ROUND_TRIP_WARMUP = 2_000;
const IDLE_MS = 1000;
/** Total budget: a variant that would start after this is skipped (and reported as such). */
const BUDGET_MS = 85_000;

// ---------------------------------------------------------------------------------------------
// Shared result block (a Float64Array over a SharedArrayBuffer handed to both actors).

const T0 = 0; // per trial: producer start (ns, monotonic clock shared by all threads)
const T1 = 8; // per trial: consumer took the last message
const COUNT = 16; // per trial: messages the consumer took
const SUM = 24; // per trial: consumer checksum
const READY = 32; // actors that reached the start line
const DONE = 33; // trials the consumer finished
const RESULT_WORDS = 40;

function now(): number {
  return Number(process.hrtime.bigint());
}

/** The same work in one loop on one thread, no channel: the expected checksum and the ceiling. */
/**
 * The work every variant does per message, in one place so their checksums are comparable: the
 * value's FizzBuzz code (-3, -2, -1 or the value) folded into a running hash. Small enough for V8
 * to inline where it is called.
 */
function mixFizzBuzz(h: number, v: number): number {
  const m = v % 15 === 0 ? -3 : v % 5 === 0 ? -2 : v % 3 === 0 ? -1 : v;
  return (Math.imul(h, 31) + m) | 0;
}

export function fusedChecksum(total: number): number {
  let h = 0;
  for (let v = 0; v < total; v++) {
    h = mixFizzBuzz(h, v);
  }
  return h;
}

interface StreamParams {
  readonly total: number;
  readonly trials: number;
  readonly chunk: number;
}

/** Both actors of a variant meet here before the first trial, so thread start-up is not timed. */
async function startLine(actor: SteadyActor, results: Float64Array, sync: Int32Array): Promise<void> {
  Atomics.add(sync, 0, 1);
  while (Atomics.load(sync, 0) < 2 && !actor.isShutdownRequested()) await actor.waitTimeout(1);
  results[READY] = 2;
}

/** Producer start of a trial: the previous trial fully taken (ring empty), then the clock starts. */
async function trialStart(actor: SteadyActor, tx: Tx<number>, results: Float64Array, trial: number) {
  while (tx.vacantUnits() < tx.capacity && !actor.isShutdownRequested())
    await actor.waitVacant(tx, tx.capacity);
  results[T0 + trial] = now();
}

function trialEnd(results: Float64Array, sync: Int32Array, trial: number, count: number, h: number): void {
  results[T1 + trial] = now();
  results[COUNT + trial] = count;
  results[SUM + trial] = h;
  results[DONE] = trial + 1;
  Atomics.store(sync, 1, trial + 1);
}

// ---------------------------------------------------------------------------------------------
// (a) one message at a time: trySend / tryTake

export async function perItemProducer(
  actor: SteadyActor,
  tx: Tx<number>,
  p: StreamParams,
  results: Float64Array,
  sync: Int32Array,
): Promise<void> {
  await startLine(actor, results, sync);
  let trial = 0;
  let next = 0;
  let started = false;
  while (actor.isRunning(() => tx.markClosed())) {
    if (trial === p.trials) {
      tx.markClosed();
      await actor.waitShutdown();
      continue;
    }
    if (!started) {
      await trialStart(actor, tx, results, trial);
      started = true;
    }
    const total = p.total;
    let v = next;
    while (v < total && tx.trySend(v) === 'sent') v++;
    next = v;
    if (next === total) {
      trial++;
      next = 0;
      started = false;
    } else {
      await actor.waitVacant(tx, 1);
    }
  }
}
export const PerItemProducer = defineActor(import.meta.url, perItemProducer);

export async function perItemConsumer(
  actor: SteadyActor,
  rx: Rx<number>,
  p: StreamParams,
  results: Float64Array,
  sync: Int32Array,
): Promise<void> {
  await startLine(actor, results, sync);
  let trial = 0;
  let count = 0;
  let h = 0;
  const total = p.total;
  while (actor.isRunning(() => rx.isClosedAndEmpty())) {
    if (!(await actor.waitAvail(rx, 1))) continue;
    for (let v = rx.tryTake(); v !== undefined; v = rx.tryTake()) {
      h = mixFizzBuzz(h, v);
      if (++count === total) {
        trialEnd(results, sync, trial, count, h);
        count = 0;
        h = 0;
        if (++trial === p.trials) actor.requestShutdown();
        break;
      }
    }
  }
}
export const PerItemConsumer = defineActor(import.meta.url, perItemConsumer);

// ---------------------------------------------------------------------------------------------
// (b) batched zero copy: pokeSlice / advanceSendIndex -> peekSlice / advanceTakeIndex

export async function zeroCopyProducer(
  actor: SteadyActor,
  tx: Tx<number>,
  p: StreamParams,
  results: Float64Array,
  sync: Int32Array,
): Promise<void> {
  await startLine(actor, results, sync);
  let trial = 0;
  let next = 0;
  let started = false;
  const { total, chunk } = p;
  while (actor.isRunning(() => tx.markClosed())) {
    if (trial === p.trials) {
      tx.markClosed();
      await actor.waitShutdown();
      continue;
    }
    if (!started) {
      await trialStart(actor, tx, results, trial);
      started = true;
    }
    const want = Math.min(total - next, chunk);
    if (tx.vacantUnits() < want) {
      await actor.waitVacant(tx, want);
      continue;
    }
    const [first, second] = tx.pokeSlice();
    const n1 = Math.min(first.length, want);
    for (let i = 0; i < n1; i++) first[i] = next + i;
    const base = next + n1;
    for (let i = 0, n2 = want - n1; i < n2; i++) second[i] = base + i;
    next += tx.advanceSendIndex(want);
    if (next === total) {
      trial++;
      next = 0;
      started = false;
    }
  }
}
export const ZeroCopyProducer = defineActor(import.meta.url, zeroCopyProducer);

export async function zeroCopyConsumer(
  actor: SteadyActor,
  rx: Rx<number>,
  p: StreamParams,
  results: Float64Array,
  sync: Int32Array,
): Promise<void> {
  await startLine(actor, results, sync);
  let trial = 0;
  let count = 0;
  let h = 0;
  const { total, chunk } = p;
  while (actor.isRunning(() => rx.isClosedAndEmpty())) {
    const want = Math.min(total - count, chunk);
    if (!(await actor.waitAvail(rx, want))) continue;
    const [first, second] = rx.peekSlice();
    const n1 = Math.min(first.length, want);
    for (let i = 0; i < n1; i++) {
      const v = first[i] as number;
      h = mixFizzBuzz(h, v);
    }
    for (let i = 0, n2 = want - n1; i < n2; i++) {
      const v = second[i] as number;
      h = mixFizzBuzz(h, v);
    }
    count += rx.advanceTakeIndex(want);
    if (count === total) {
      trialEnd(results, sync, trial, count, h);
      count = 0;
      h = 0;
      if (++trial === p.trials) actor.requestShutdown();
    }
  }
}
export const ZeroCopyConsumer = defineActor(import.meta.url, zeroCopyConsumer);

// ---------------------------------------------------------------------------------------------
// (d) round trip: ping over one capacity-1 channel, pong back over another; then idle.

const RT_IDLE_ACTIVE_PING = 0; // event-loop active ms of the pinger's thread over the idle second
const RT_IDLE_ACTIVE_PONG = 1;
const RT_IDLE_CPU = 2; // process CPU ms (all threads) over the idle second
const RT_IDLE_WALL = 3;
const RT_ERRORS = 4;
const RT_SAMPLES = 8;

interface RoundTripParams {
  readonly trips: number;
  readonly warmup: number;
  readonly idleMs: number;
}

export async function pinger(
  actor: SteadyActor,
  tx: Tx<number>,
  rx: Rx<number>,
  p: RoundTripParams,
  results: Float64Array,
  sync: Int32Array,
): Promise<void> {
  await startLine(actor, results, sync);
  let errors = 0;
  for (let i = 0; i < p.warmup + p.trips && !actor.isShutdownRequested(); i++) {
    const t0 = performance.now();
    // Published by the wait below (every wait publishes first). A capacity-1 channel may still
    // look full for a moment if the peer published its pong before its take: then wait for room.
    if (tx.trySend(i) !== 'sent') await actor.sendAsync(tx, i);
    await actor.waitAvail(rx, 1);
    const v = rx.tryTake();
    const t1 = performance.now();
    if (v !== i) errors++;
    if (i >= p.warmup) results[RT_SAMPLES + i - p.warmup] = (t1 - t0) * 1000;
  }
  // Idle: tell the ponger, then both wait on their channels for a second.
  if (tx.trySend(-1) !== 'sent') await actor.sendAsync(tx, -1);
  tx.publish();
  await actor.waitTimeout(250); // let the ponger see the marker and fall asleep, and the process settle
  const elu0 = performance.eventLoopUtilization();
  const cpu0 = process.cpuUsage();
  const wall0 = performance.now();
  await actor.awaitForAny(actor.waitAvail(rx, 1), actor.waitTimeout(p.idleMs));
  const cpu = process.cpuUsage(cpu0);
  results[RT_IDLE_WALL] = performance.now() - wall0;
  results[RT_IDLE_CPU] = (cpu.user + cpu.system) / 1000;
  results[RT_IDLE_ACTIVE_PING] = performance.eventLoopUtilization(elu0).active;
  results[RT_ERRORS] = errors;
  actor.requestShutdown();
  while (actor.isRunning(() => tx.markClosed())) await actor.waitShutdown();
}
export const Pinger = defineActor(import.meta.url, pinger);

export async function ponger(
  actor: SteadyActor,
  rx: Rx<number>,
  tx: Tx<number>,
  _p: RoundTripParams,
  results: Float64Array,
  sync: Int32Array,
): Promise<void> {
  await startLine(actor, results, sync);
  let elu0: ReturnType<typeof performance.eventLoopUtilization> | undefined;
  while (actor.isRunning(() => tx.markClosed())) {
    if (!(await actor.waitAvail(rx, 1))) continue;
    const v = rx.tryTake() as number;
    if (v === -1) elu0 = performance.eventLoopUtilization();
    else if (tx.trySend(v) !== 'sent') await actor.sendAsync(tx, v); // published at the next isRunning
  }
  if (elu0) results[RT_IDLE_ACTIVE_PONG] = performance.eventLoopUtilization(elu0).active;
}
export const Ponger = defineActor(import.meta.url, ponger);

// ---------------------------------------------------------------------------------------------
// Running the channel variants.

export interface Row {
  readonly variant: string;
  /** Messages per trial. */
  readonly messages: number;
  /** Median trial, seconds. */
  readonly seconds: number;
  readonly mps: number;
  readonly bestMps: number;
  readonly verified: boolean;
  readonly note?: string;
}

function median(values: readonly number[]): number {
  const s = [...values].sort((a, b) => a - b);
  return s[Math.floor((s.length - 1) / 2)] as number;
}

function rowFromTrials(
  variant: string,
  total: number,
  seconds: number[],
  verified: boolean,
  note?: string,
): Row {
  const med = median(seconds);
  return {
    variant,
    messages: total,
    seconds: med,
    mps: total / med,
    bestMps: total / Math.min(...seconds),
    verified,
    ...(note ? { note } : {}),
  };
}

type StreamActors = readonly [
  ActorDefinition<[Tx<number>, StreamParams, Float64Array, Int32Array]>,
  ActorDefinition<[Rx<number>, StreamParams, Float64Array, Int32Array]>,
];

async function runStream(
  variant: string,
  [producer, consumer]: StreamActors,
  p: StreamParams,
  expected: number,
  timeoutMs: number,
): Promise<Row> {
  const graph = GraphBuilder.forProduction().withoutTelemetry().build({});
  const [tx, rx] = graph.channelBuilder().withCodec(codecs.i32).withCapacity(RING).withName(variant).build();
  const results = new Float64Array(new SharedArrayBuffer(RESULT_WORDS * 8));
  const sync = new Int32Array(new SharedArrayBuffer(8));
  graph.actorBuilder().withName('producer').build(producer, [tx, p, results, sync], SoloAct);
  graph.actorBuilder().withName('consumer').build(consumer, [rx, p, results, sync], SoloAct);
  graph.start();
  const watchdog = setTimeout(() => graph.requestShutdown(), timeoutMs);
  try {
    await graph.blockUntilStopped(timeoutMs);
  } finally {
    clearTimeout(watchdog);
  }
  const done = results[DONE] as number;
  const seconds: number[] = [];
  let verified = done === p.trials;
  for (let t = 0; t < done; t++) {
    seconds.push(((results[T1 + t] as number) - (results[T0 + t] as number)) / 1e9);
    if (results[COUNT + t] !== p.total || results[SUM + t] !== expected) verified = false;
  }
  if (seconds.length === 0) return { variant, messages: p.total, seconds: NaN, mps: 0, bestMps: 0, verified };
  return rowFromTrials(variant, p.total, seconds, verified, done < p.trials ? 'timed out' : undefined);
}

async function runRoundTrip(timeoutMs: number): Promise<{
  medianUs: number;
  p99Us: number;
  p999Us: number;
  maxUs: number;
  idleCpuMs: number;
  idleActivePingMs: number;
  idleActivePongMs: number;
  idleWallMs: number;
  verified: boolean;
}> {
  const graph = GraphBuilder.forProduction().withoutTelemetry().build({});
  const [pingTx, pingRx] = graph
    .channelBuilder()
    .withCodec(codecs.i32)
    .withCapacity(1)
    .withName('ping')
    .build();
  const [pongTx, pongRx] = graph
    .channelBuilder()
    .withCodec(codecs.i32)
    .withCapacity(1)
    .withName('pong')
    .build();
  const params: RoundTripParams = { trips: ROUND_TRIPS, warmup: ROUND_TRIP_WARMUP, idleMs: IDLE_MS };
  const results = new Float64Array(new SharedArrayBuffer((RT_SAMPLES + ROUND_TRIPS) * 8));
  const sync = new Int32Array(new SharedArrayBuffer(8));
  graph.actorBuilder().withName('pinger').build(Pinger, [pingTx, pongRx, params, results, sync], SoloAct);
  graph.actorBuilder().withName('ponger').build(Ponger, [pingRx, pongTx, params, results, sync], SoloAct);
  graph.start();
  await graph.blockUntilStopped(timeoutMs);
  const samples = Array.from(results.subarray(RT_SAMPLES)).sort((a, b) => a - b);
  const at = (q: number) => samples[Math.min(samples.length - 1, Math.floor(q * samples.length))] as number;
  return {
    medianUs: at(0.5),
    p99Us: at(0.99),
    p999Us: at(0.999),
    maxUs: samples[samples.length - 1] as number,
    idleCpuMs: results[RT_IDLE_CPU] as number,
    idleActivePingMs: results[RT_IDLE_ACTIVE_PING] as number,
    idleActivePongMs: results[RT_IDLE_ACTIVE_PONG] as number,
    idleWallMs: results[RT_IDLE_WALL] as number,
    verified: results[RT_ERRORS] === 0 && samples[0] !== undefined && samples[0] > 0,
  };
}

// ---------------------------------------------------------------------------------------------
// (c) the baseline: MessagePort.postMessage between two plain worker threads.

const POST_COMMON = `
const { workerData } = require('node:worker_threads');
const { port, total, trials, chunk, pool, sync, results } = workerData;
const now = () => Number(process.hrtime.bigint());
`;

/** Producer: waits for the consumer's start signal, then per trial posts 0..total-1. */
const POST_PRODUCER = `${POST_COMMON}
const free = [];
for (let i = 0; i < pool; i++) free.push(new Int32Array(chunk));
let waiter;
port.on('message', (returned) => {
  free.push(new Int32Array(returned.buffer));
  if (waiter) { const w = waiter; waiter = undefined; w(); }
});
async function waitFor(index, value) {
  while (Atomics.load(sync, index) < value) {
    const r = Atomics.waitAsync(sync, index, Atomics.load(sync, index));
    if (r.async) await r.value;
  }
}
(async () => {
  await waitFor(0, 1);
  for (let t = 0; t < trials; t++) {
    await waitFor(1, t);
    results[${T0} + t] = now();
    if (chunk === 1) {
      for (let v = 0; v < total; v++) port.postMessage(v);
    } else {
      for (let next = 0; next < total; ) {
        let buffer = free.pop();
        if (!buffer) { await new Promise((r) => { waiter = r; }); continue; }
        const n = total - next < chunk ? total - next : chunk;
        for (let i = 0; i < n; i++) buffer[i] = next + i;
        const view = n === chunk ? buffer : buffer.subarray(0, n);
        port.postMessage(view, [buffer.buffer]);
        next += n;
      }
    }
  }
  await waitFor(1, trials);
  port.close();
})();
`;

/** Consumer: maps and checksums every number; sends each batch buffer back for reuse. */
const POST_CONSUMER = `${POST_COMMON}
let trial = 0, count = 0, h = 0;
function finish() {
  results[${T1} + trial] = now();
  results[${COUNT} + trial] = count;
  results[${SUM} + trial] = h;
  results[${DONE}] = trial + 1;
  count = 0; h = 0; trial++;
  Atomics.store(sync, 1, trial);
  Atomics.notify(sync, 1);
  if (trial === trials) port.close();
}
port.on('message', (data) => {
  if (typeof data === 'number') {
    const v = data;
    h = mixFizzBuzz(h, v);
    if (++count === total) finish();
    return;
  }
  for (let i = 0, n = data.length; i < n; i++) {
    const v = data[i];
    h = mixFizzBuzz(h, v);
  }
  count += data.length;
  const done = count === total;
  port.postMessage(data, [data.buffer]);
  if (done) finish();
});
Atomics.store(sync, 0, 1);
Atomics.notify(sync, 0);
`;

async function runPostMessage(
  variant: string,
  total: number,
  chunk: number,
  expected: number,
  timeoutMs: number,
): Promise<Row> {
  const { port1, port2 } = new MessageChannel();
  const results = new Float64Array(new SharedArrayBuffer(RESULT_WORDS * 8));
  const sync = new Int32Array(new SharedArrayBuffer(8));
  const common = { total, trials: TRIALS, chunk, pool: Math.max(1, RING / chunk), sync, results };
  const start = (code: string, port: MessagePort) =>
    new Worker(code, { eval: true, workerData: { ...common, port }, transferList: [port] });
  const consumer = start(POST_CONSUMER, port2);
  const producer = start(POST_PRODUCER, port1);
  const exited = (w: Worker) => new Promise<void>((resolve) => w.once('exit', () => resolve()));
  let timer: ReturnType<typeof setTimeout> | undefined;
  const timedOut = new Promise<'timeout'>((resolve) => {
    timer = setTimeout(() => resolve('timeout'), timeoutMs);
  });
  const outcome = await Promise.race([Promise.all([exited(consumer), exited(producer)]), timedOut]);
  clearTimeout(timer);
  if (outcome === 'timeout') await Promise.all([consumer.terminate(), producer.terminate()]);
  const done = results[DONE] as number;
  const seconds: number[] = [];
  let verified = done === TRIALS;
  for (let t = 0; t < done; t++) {
    seconds.push(((results[T1 + t] as number) - (results[T0 + t] as number)) / 1e9);
    if (results[COUNT + t] !== total || results[SUM + t] !== expected) verified = false;
  }
  if (seconds.length === 0) return { variant, messages: total, seconds: NaN, mps: 0, bestMps: 0, verified };
  return rowFromTrials(variant, total, seconds, verified, done < TRIALS ? 'timed out' : undefined);
}

// ---------------------------------------------------------------------------------------------

export interface ChannelBenchReport {
  readonly rows: readonly Row[];
  readonly roundTrip: Awaited<ReturnType<typeof runRoundTrip>> | undefined;
  readonly totalSeconds: number;
}

const fmt = (n: number, digits = 2) => (Number.isFinite(n) ? n.toFixed(digits) : '-');

export function formatTable(rows: readonly Row[]): string {
  const reference = rows.find((r) => r.variant.startsWith('batched zero-copy') && r.variant.includes('16K'));
  const header = ['variant', 'messages', 'seconds', 'M msg/s', 'best M/s', 'vs zero-copy 16K', 'verified'];
  const lines = rows.map((r) => [
    r.variant,
    r.messages.toLocaleString('en-US'),
    fmt(r.seconds, 3),
    fmt(r.mps / 1e6),
    fmt(r.bestMps / 1e6),
    reference && reference.mps > 0
      ? `${fmt(r.mps / reference.mps, r.mps < reference.mps / 100 ? 4 : 2)}x`
      : '-',
    (r.verified ? 'yes' : 'NO') + (r.note ? ` (${r.note})` : ''),
  ]);
  const widths = header.map((h, i) => Math.max(h.length, ...lines.map((l) => (l[i] as string).length)));
  const row = (cells: string[]) =>
    `| ${cells.map((c, i) => (i === 0 || i === 6 ? c.padEnd(widths[i] as number) : c.padStart(widths[i] as number))).join(' | ')} |`;
  return [
    row(header),
    `|${widths.map((w, i) => (i === 0 || i === 6 ? `:${'-'.repeat(w + 1)}` : `${'-'.repeat(w + 1)}:`)).join('|')}|`,
    ...lines.map(row),
  ].join('\n');
}

/** `CHANNEL_BENCH=zero-copy,per-item,post,round-trip` runs only those groups (default: all). */
function selected(group: string): boolean {
  const only = process.env.CHANNEL_BENCH;
  return !only || only.split(',').includes(group);
}

export async function main(): Promise<ChannelBenchReport> {
  const began = performance.now();
  const left = () => BUDGET_MS - (performance.now() - began);
  const rows: Row[] = [];
  const say = (text: string) => process.stdout.write(`${text}\n`);
  say(`channel bench: ${TRIALS} trials a variant, median shown; Node ${process.version}`);

  // The expected checksums, timed: the fused single-thread loop is the ceiling for this work.
  const fusedSeconds: number[] = [];
  let expectedZeroCopy = 0;
  for (let t = 0; t < TRIALS; t++) {
    const t0 = performance.now();
    expectedZeroCopy = fusedChecksum(ZERO_COPY_TOTAL);
    fusedSeconds.push((performance.now() - t0) / 1000);
  }
  rows.push(
    rowFromTrials('fused single-thread loop (ceiling, no channel)', ZERO_COPY_TOTAL, fusedSeconds, true),
  );
  const expectedPerItem = fusedChecksum(PER_ITEM_TOTAL);
  const expectedPostItem = fusedChecksum(POST_ITEM_TOTAL);
  const expectedPostBatch = fusedChecksum(POST_BATCH_TOTAL);

  /** Runs one variant within what is left of the time budget, and records its row. */
  const measure = async (name: string, messages: number, run: (timeoutMs: number) => Promise<Row>) => {
    if (left() < 5000) {
      rows.push({
        variant: name,
        messages,
        seconds: NaN,
        mps: 0,
        bestMps: 0,
        verified: false,
        note: 'skipped: time budget',
      });
      return;
    }
    const row = await run(Math.min(30_000, left()));
    rows.push(row);
    say(`  ${name}: ${fmt(row.mps / 1e6)} M msg/s${row.verified ? '' : ' (NOT VERIFIED)'}`);
  };
  const stream = async (name: string, actors: StreamActors, p: StreamParams, expected: number) => {
    if (!selected(actors[0] === PerItemProducer ? 'per-item' : 'zero-copy')) return;
    await measure(name, p.total, (timeoutMs) => runStream(name, actors, p, expected, timeoutMs));
  };

  for (const chunk of CHUNKS) {
    await stream(
      `batched zero-copy, ${chunk / 1024}K chunks`,
      [ZeroCopyProducer, ZeroCopyConsumer],
      { total: ZERO_COPY_TOTAL, trials: TRIALS, chunk },
      expectedZeroCopy,
    );
  }
  await stream(
    'per-item trySend/tryTake',
    [PerItemProducer, PerItemConsumer],
    { total: PER_ITEM_TOTAL, trials: TRIALS, chunk: 1 },
    expectedPerItem,
  );

  const post = async (name: string, total: number, chunk: number, expected: number) => {
    if (!selected('post')) return;
    await measure(name, total, (timeoutMs) => runPostMessage(name, total, chunk, expected, timeoutMs));
  };
  await post(
    `postMessage batched (${REFERENCE_CHUNK / 1024}K transferred buffers)`,
    POST_BATCH_TOTAL,
    REFERENCE_CHUNK,
    expectedPostBatch,
  );
  await post('postMessage per item', POST_ITEM_TOTAL, 1, expectedPostItem);

  let roundTrip: ChannelBenchReport['roundTrip'];
  if (selected('round-trip') && left() > 5000) roundTrip = await runRoundTrip(Math.min(20_000, left()));

  say('');
  say(formatTable(rows));
  if (roundTrip) {
    say('');
    say(
      `round trip (ping-pong over two capacity-1 channels, ${ROUND_TRIPS.toLocaleString('en-US')} trips): ` +
        `median ${fmt(roundTrip.medianUs)} µs, p99 ${fmt(roundTrip.p99Us)} µs, p99.9 ${fmt(roundTrip.p999Us)} µs, max ${fmt(roundTrip.maxUs, 0)} µs` +
        (roundTrip.verified ? '' : ' (NOT VERIFIED)'),
    );
    say(
      `idle for ${fmt(roundTrip.idleWallMs, 0)} ms with both actors waiting on their channels: ` +
        `process CPU ${fmt(roundTrip.idleCpuMs, 1)} ms (all threads); event loop active ` +
        `${fmt(roundTrip.idleActivePingMs, 1)} ms (pinger thread, that second), ${fmt(roundTrip.idleActivePongMs, 1)} ms (ponger thread, from the idle marker to shutdown, ~1.25 s)`,
    );
  }
  const totalSeconds = (performance.now() - began) / 1000;
  say(`\nchannel bench took ${fmt(totalSeconds, 1)} s`);
  return { rows, roundTrip, totalSeconds };
}

function isEntryPoint(): boolean {
  if (!isMainThread || !process.argv[1]) return false;
  try {
    return realpathSync(process.argv[1]) === realpathSync(fileURLToPath(import.meta.url));
  } catch {
    return false;
  }
}

if (isEntryPoint()) {
  main().then(
    () => process.exit(0),
    (error: unknown) => {
      console.error(error);
      process.exit(1);
    },
  );
}
