/**
 * Round trip and idle cost: a pinger and a ponger (solo actors) over two capacity-1 channels;
 * then both wait on their channels for a while, and the process's CPU time is measured.
 */
import { quantile } from '../../src/bench/index.ts';
import {
  codecs,
  defineActor,
  GraphBuilder,
  type Rx,
  SoloAct,
  type SteadyActor,
  type Tx,
} from '../../src/index.ts';
import { startLine } from './stream-actors.ts';

const IDLE_ACTIVE_PING = 0; // event-loop active ms of the pinger's thread over the idle span
const IDLE_ACTIVE_PONG = 1;
const IDLE_CPU = 2; // process CPU ms (all threads) over the idle span
const IDLE_WALL = 3;
const ERRORS = 4;
const SAMPLES = 8;

export interface RoundTripParams {
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
  await startLine(actor, sync);
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
    if (i >= p.warmup) results[SAMPLES + i - p.warmup] = (t1 - t0) * 1000;
  }
  // Idle: tell the ponger, then both wait on their channels.
  if (tx.trySend(-1) !== 'sent') await actor.sendAsync(tx, -1);
  tx.publish();
  await actor.waitTimeout(250); // let the ponger see the marker and fall asleep, and the process settle
  const elu0 = performance.eventLoopUtilization();
  const cpu0 = process.cpuUsage();
  const wall0 = performance.now();
  await actor.awaitForAny(actor.waitAvail(rx, 1), actor.waitTimeout(p.idleMs));
  const cpu = process.cpuUsage(cpu0);
  results[IDLE_WALL] = performance.now() - wall0;
  results[IDLE_CPU] = (cpu.user + cpu.system) / 1000;
  results[IDLE_ACTIVE_PING] = performance.eventLoopUtilization(elu0).active;
  results[ERRORS] = errors;
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
  await startLine(actor, sync);
  let elu0: ReturnType<typeof performance.eventLoopUtilization> | undefined;
  while (actor.isRunning(() => tx.markClosed())) {
    if (!(await actor.waitAvail(rx, 1))) continue;
    const v = rx.tryTake() as number;
    if (v === -1) elu0 = performance.eventLoopUtilization();
    else if (tx.trySend(v) !== 'sent') await actor.sendAsync(tx, v); // published at the next isRunning
  }
  if (elu0) results[IDLE_ACTIVE_PONG] = performance.eventLoopUtilization(elu0).active;
}
export const Ponger = defineActor(import.meta.url, ponger);

export interface RoundTripReport {
  readonly trips: number;
  readonly medianUs: number;
  readonly p99Us: number;
  readonly p999Us: number;
  readonly maxUs: number;
  readonly idleCpuMs: number;
  readonly idleActivePingMs: number;
  readonly idleActivePongMs: number;
  readonly idleWallMs: number;
  /** Every pong echoed its ping, and every trip was timed. */
  readonly verified: boolean;
}

export async function runRoundTrip(params: RoundTripParams, timeoutMs: number): Promise<RoundTripReport> {
  const graph = GraphBuilder.forProduction().withoutTelemetry().build({});
  const capacityOne = (name: string) =>
    graph.channelBuilder().withCodec(codecs.i32).withCapacity(1).withName(name).build();
  const [pingTx, pingRx] = capacityOne('ping');
  const [pongTx, pongRx] = capacityOne('pong');
  const results = new Float64Array(new SharedArrayBuffer((SAMPLES + params.trips) * 8));
  const sync = new Int32Array(new SharedArrayBuffer(8));
  graph.actorBuilder().withName('pinger').build(Pinger, [pingTx, pongRx, params, results, sync], SoloAct);
  graph.actorBuilder().withName('ponger').build(Ponger, [pingRx, pongTx, params, results, sync], SoloAct);
  graph.start();
  const watchdog = setTimeout(() => graph.requestShutdown(), timeoutMs);
  try {
    await graph.blockUntilStopped(timeoutMs);
  } finally {
    clearTimeout(watchdog);
  }
  const samples = Array.from(results.subarray(SAMPLES)).sort((a, b) => a - b);
  return {
    trips: params.trips,
    medianUs: quantile(samples, 0.5),
    p99Us: quantile(samples, 0.99),
    p999Us: quantile(samples, 0.999),
    maxUs: samples[samples.length - 1] ?? Number.NaN,
    idleCpuMs: results[IDLE_CPU] as number,
    idleActivePingMs: results[IDLE_ACTIVE_PING] as number,
    idleActivePongMs: results[IDLE_ACTIVE_PONG] as number,
    idleWallMs: results[IDLE_WALL] as number,
    verified: results[ERRORS] === 0 && samples[0] !== undefined && samples[0] > 0,
  };
}
