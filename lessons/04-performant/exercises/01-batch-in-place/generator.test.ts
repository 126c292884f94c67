import { codecs, GraphBuilder, type Tx } from '@steady/runtime';
import { sendAll, takeAll } from '@steady/runtime/testing';
import { expect, it } from 'vitest';
import { COUNTER_WRAP } from '../../src/fizzbuzz.ts';
import { writeBatch } from './generator.ts';

const range = (from: number, count: number) => Array.from({ length: count }, (_, i) => from + i);

/** A 16-slot Int32 ring whose positions stand at `at`, with its sending end watched. */
function watchedRing(at: number) {
  const graph = GraphBuilder.forTesting().build({});
  const [tx, rx] = graph.channelBuilder().withCodec(codecs.i32).withCapacity(16).build();
  sendAll(tx, range(0, at));
  takeAll(rx);
  const calls = { perMessage: 0, commits: [] as number[] };
  const trySend = tx.trySend.bind(tx);
  const advance = tx.advanceSendIndex.bind(tx);
  tx.trySend = (value: number) => {
    calls.perMessage++;
    return trySend(value);
  };
  tx.advanceSendIndex = (n: number) => {
    calls.commits.push(n);
    return advance(n);
  };
  return { tx: tx as Tx<number>, rx, calls };
}

it('writes a batch in place and commits it with one advanceSendIndex, across the ring wrap', async () => {
  const { tx, rx, calls } = watchedRing(10); // 6 free slots before the wrap, 10 after
  const next = writeBatch(tx, 12, 100);
  await Promise.resolve(); // give a per-message sender its chance to publish
  expect(calls.perMessage, 'trySend calls (one per message): write into pokeSlice() views instead').toBe(0);
  expect(calls.commits, 'advanceSendIndex calls: one for the whole batch').toEqual([12]);
  expect(next).toBe(112);
  expect(takeAll(rx)).toEqual(range(100, 12));
});

it('writes only what fits, and wraps the counter to 0 after COUNTER_WRAP - 1', async () => {
  const { tx, rx, calls } = watchedRing(4);
  sendAll(tx, range(0, 10)); // 6 slots left
  calls.perMessage = 0;
  const next = writeBatch(tx, 12, COUNTER_WRAP - 3);
  await Promise.resolve();
  expect(calls.perMessage, 'trySend calls (one per message): write into pokeSlice() views instead').toBe(0);
  expect(next).toBe(3);
  expect(takeAll(rx)).toEqual([
    ...range(0, 10),
    COUNTER_WRAP - 3,
    COUNTER_WRAP - 2,
    COUNTER_WRAP - 1,
    0,
    1,
    2,
  ]);
});
