import { codecs, GraphBuilder, type Tx } from '@steady/runtime';
import { sendAll, takeAll } from '@steady/runtime/testing';
import { expect, it } from 'vitest';
import { COUNTER_WRAP, fizzBuzzCode } from '../../src/fizzbuzz.ts';
import { writeCodes } from './codes.ts';

const range = (from: number, count: number) => Array.from({ length: count }, (_, i) => from + i);
const codesOf = (values: number[]) => values.map(fizzBuzzCode);

/** A 16-slot Int32 ring whose positions stand at `at`, with its sending end watched. */
function watchedRing(at: number) {
  const graph = GraphBuilder.forTesting().build({});
  const [tx, rx] = graph.channelBuilder().withCodec(codecs.i32).withCapacity(16).build();
  sendAll(tx, range(0, at));
  takeAll(rx);
  // commits: each advanceSendIndex(n); committed: the n slots each one made visible, read as it was called
  const calls = { perMessage: 0, commits: [] as number[], committed: [] as number[] };
  const trySend = tx.trySend.bind(tx);
  const advance = tx.advanceSendIndex.bind(tx);
  tx.trySend = (value: number) => {
    calls.perMessage++;
    return trySend(value);
  };
  tx.advanceSendIndex = (n: number) => {
    calls.commits.push(n);
    const [first, second] = tx.pokeSlice();
    calls.committed.push(...[...first, ...second].slice(0, n));
    return advance(n);
  };
  return { tx: tx as Tx<number>, rx, calls };
}

const PER_MESSAGE = 'trySend calls (one per message): write the codes into the pokeSlice() views instead';

it('writes a batch of codes in place and commits it with one advanceSendIndex, across the ring wrap', async () => {
  const { tx, rx, calls } = watchedRing(10); // 6 free slots before the wrap, 10 after
  const next = writeCodes(tx, 12, 100);
  await Promise.resolve(); // give a per-message sender its chance to publish
  expect(calls.perMessage, PER_MESSAGE).toBe(0);
  expect(
    takeAll(rx),
    'codes received, in order: the 12 asked for; 6 fit before the end of the ring, the other 6 go into the second view (the free region wraps)',
  ).toEqual(codesOf(range(100, 12)));
  expect(
    calls.committed,
    'what the slots held when advanceSendIndex was called: fill the views before you commit them (once committed, a consumer on another thread may read them at once)',
  ).toEqual(codesOf(range(100, 12)));
  expect(calls.commits, 'advanceSendIndex calls: one advanceSendIndex for the whole batch').toEqual([12]);
  expect(next, 'the next value to encode').toBe(112);
});

it('writes only what fits, and after COUNTER_WRAP - 1 comes 0', async () => {
  const { tx, rx, calls } = watchedRing(4);
  sendAll(tx, range(0, 10)); // 6 slots left: 2 before the wrap, 4 after
  calls.perMessage = 0;
  const next = writeCodes(tx, 12, COUNTER_WRAP - 3);
  await Promise.resolve();
  expect(calls.perMessage, PER_MESSAGE).toBe(0);
  expect(
    takeAll(rx),
    'the 10 values already there, then the codes of the 6 values that fit: after COUNTER_WRAP - 1 comes 0',
  ).toEqual([...range(0, 10), ...codesOf([COUNTER_WRAP - 3, COUNTER_WRAP - 2, COUNTER_WRAP - 1, 0, 1, 2])]);
  expect(next, 'the next value to encode (6 values from COUNTER_WRAP - 3 end at 2)').toBe(3);
});
