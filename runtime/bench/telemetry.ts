/**
 * Telemetry overhead: the lesson-02 pipeline shape (generator → worker → logger, solo
 * actors, numbers) run with telemetry off and on, same message count; prints messages/s
 * and the overhead. (Heartbeat omitted here: it only adds a timer-driven actor.)
 */
import { realpathSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { isMainThread } from 'node:worker_threads';
import { defineActor, GraphBuilder, type Rx, SoloAct, type SteadyActor, type Tx } from '../src/index.ts';

const MESSAGES = 2_000_000;

export async function generator(actor: SteadyActor, tx: Tx<number>, count: number): Promise<void> {
  let next = 0;
  while (actor.isRunning(() => tx.markClosed()) && next < count) {
    if (await actor.waitVacant(tx, 1)) while (next < count && tx.trySend(next) === 'sent') next++;
  }
  tx.markClosed();
}
export const Generator = defineActor(import.meta.url, generator);

export async function worker(actor: SteadyActor, rx: Rx<number>, tx: Tx<number>): Promise<void> {
  while (
    actor.isRunning({
      'input closed and empty': () => rx.isClosedAndEmpty(),
      'output closed': () => tx.markClosed(),
    })
  ) {
    await actor.awaitForAll(actor.waitAvail(rx, 1), actor.waitVacant(tx, 1));
    let n = Math.min(rx.availUnits(), tx.vacantUnits());
    while (n-- > 0) tx.trySend((rx.tryTake() as number) * 2);
    if (rx.isClosedAndEmpty()) tx.markClosed();
  }
}
export const Worker = defineActor(import.meta.url, worker);

export async function logger(actor: SteadyActor, rx: Rx<number>): Promise<void> {
  let seen = 0;
  while (actor.isRunning(() => rx.isClosedAndEmpty())) {
    await actor.waitAvail(rx, 1);
    while (rx.tryTake() !== undefined) seen++;
    if (rx.isClosedAndEmpty()) actor.requestShutdown();
  }
  void seen;
}
export const Logger = defineActor(import.meta.url, logger);

async function run(telemetry: boolean): Promise<number> {
  const base = GraphBuilder.forTesting();
  const graph = (telemetry ? base.withTelemetry() : base).build({});
  const [genTx, genRx] = graph.channelBuilder().withCapacity(4096).build();
  const [workTx, workRx] = graph.channelBuilder().withCapacity(4096).build();
  graph.actorBuilder().withName('generator').build(Generator, [genTx, MESSAGES], SoloAct);
  graph.actorBuilder().withName('worker').build(Worker, [genRx, workTx], SoloAct);
  graph.actorBuilder().withName('logger').build(Logger, [workRx], SoloAct);
  const t0 = performance.now();
  graph.start();
  await graph.blockUntilStopped(60_000);
  return MESSAGES / ((performance.now() - t0) / 1000);
}

export async function main(): Promise<{ off: number; on: number; overheadPct: number }> {
  const off = await run(false);
  const on = await run(true);
  const overheadPct = (100 * (off - on)) / off;
  process.stdout.write(
    `telemetry off: ${Math.round(off).toLocaleString()} msg/s\ntelemetry on:  ${Math.round(on).toLocaleString()} msg/s\noverhead: ${overheadPct.toFixed(1)} % (target < 5 %)\n`,
  );
  return { off, on, overheadPct };
}

if (
  isMainThread &&
  process.argv[1] &&
  realpathSync(process.argv[1]) === realpathSync(fileURLToPath(import.meta.url))
) {
  await main();
}
