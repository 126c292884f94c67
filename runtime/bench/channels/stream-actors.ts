/**
 * The producer and consumer actors of the streaming variants, each run as a solo actor on a
 * thread of its own: one message at a time (`trySend`/`tryTake`), or batched zero copy
 * (`pokeSlice`/`advanceSendIndex` → `peekSlice`/`advanceTakeIndex`).
 */
import { defineActor, type Rx, type SteadyActor, type Tx } from '../../src/index.ts';
import { mixFizzBuzz } from './checksum.ts';
import { markTrialEnd, markTrialStart, SYNC_READY, type TrialBlock } from './trials.ts';

export interface StreamParams {
  readonly total: number;
  readonly trials: number;
  readonly chunk: number;
}

/** Both actors of a variant meet here before the first trial, so thread start-up is not timed. */
export async function startLine(actor: SteadyActor, sync: Int32Array): Promise<void> {
  Atomics.add(sync, SYNC_READY, 1);
  while (Atomics.load(sync, SYNC_READY) < 2 && !actor.isShutdownRequested()) await actor.waitTimeout(1);
}

/** Producer start of a trial: the previous trial fully taken (ring empty), then the clock starts. */
async function trialStart(actor: SteadyActor, tx: Tx<number>, block: TrialBlock, trial: number) {
  while (tx.vacantUnits() < tx.capacity && !actor.isShutdownRequested())
    await actor.waitVacant(tx, tx.capacity);
  markTrialStart(block, trial);
}

// (a) one message at a time: trySend / tryTake

export async function perItemProducer(
  actor: SteadyActor,
  tx: Tx<number>,
  p: StreamParams,
  results: Float64Array,
  sync: Int32Array,
): Promise<void> {
  const block = { results, sync };
  await startLine(actor, sync);
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
      await trialStart(actor, tx, block, trial);
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
  const block = { results, sync };
  await startLine(actor, sync);
  let trial = 0;
  let count = 0;
  let h = 0;
  const total = p.total;
  while (actor.isRunning(() => rx.isClosedAndEmpty())) {
    if (!(await actor.waitAvail(rx, 1))) continue;
    for (let v = rx.tryTake(); v !== undefined; v = rx.tryTake()) {
      h = mixFizzBuzz(h, v);
      if (++count === total) {
        markTrialEnd(block, trial, count, h);
        count = 0;
        h = 0;
        if (++trial === p.trials) actor.requestShutdown();
        break;
      }
    }
  }
}
export const PerItemConsumer = defineActor(import.meta.url, perItemConsumer);

// (b) batched zero copy: pokeSlice / advanceSendIndex -> peekSlice / advanceTakeIndex

export async function zeroCopyProducer(
  actor: SteadyActor,
  tx: Tx<number>,
  p: StreamParams,
  results: Float64Array,
  sync: Int32Array,
): Promise<void> {
  const block = { results, sync };
  await startLine(actor, sync);
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
      await trialStart(actor, tx, block, trial);
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
  const block = { results, sync };
  await startLine(actor, sync);
  let trial = 0;
  let count = 0;
  let h = 0;
  const { total, chunk } = p;
  while (actor.isRunning(() => rx.isClosedAndEmpty())) {
    const want = Math.min(total - count, chunk);
    if (!(await actor.waitAvail(rx, want))) continue;
    const [first, second] = rx.peekSlice();
    const n1 = Math.min(first.length, want);
    for (let i = 0; i < n1; i++) h = mixFizzBuzz(h, first[i] as number);
    for (let i = 0, n2 = want - n1; i < n2; i++) h = mixFizzBuzz(h, second[i] as number);
    count += rx.advanceTakeIndex(want);
    if (count === total) {
      markTrialEnd(block, trial, count, h);
      count = 0;
      h = 0;
      if (++trial === p.trials) actor.requestShutdown();
    }
  }
}
export const ZeroCopyConsumer = defineActor(import.meta.url, zeroCopyConsumer);
