/**
 * Baselines that run on the main thread: the tight loop (the ceiling for one core), the
 * lesson's own hot path stepped on one thread over real rings (to show it allocates nothing),
 * and Node object-mode streams.
 */

import { Readable, Transform, Writable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { codecs, GraphBuilder } from '@steady/runtime';
import { writeBatch, writeCounting } from '../src/actor/generator.ts';
import { countRun, countSlice, emptyTally } from '../src/actor/logger.ts';
import { doubleBufferStep, zeroCopyStep } from '../src/actor/worker.ts';
import { DEFAULT_ARGS } from '../src/args.ts';
import { int32Region, mapRun } from '../src/fizzbuzz.ts';
import type { Counts } from './batch-work.ts';

export interface LoopRun {
  readonly messages: number;
  readonly seconds: number;
  readonly counts: Counts;
}

const countsOf = (t: Counts): Counts => ({
  fizz: t.fizz,
  buzz: t.buzz,
  fizzBuzz: t.fizzBuzz,
  values: t.values,
});

/** Variant 3: generate, map and count in one loop over two typed arrays: no rings, no threads. */
export function singleThreadLoop(messages: number, sample: () => void, chunk = 65_536): LoopRun {
  const values = new Int32Array(chunk);
  const codes = new Int32Array(chunk);
  const tally = emptyTally();
  const started = performance.now();
  let next = 0;
  for (let done = 0; done < messages; ) {
    const n = Math.min(chunk, messages - done);
    next = writeCounting(values, 0, n, next);
    mapRun(values, 0, codes, 0, n);
    countRun(tally, codes, 0, n);
    done += n;
    if ((done & 0xffffff) < n) sample(); // about every 16 M messages
  }
  return { messages, seconds: (performance.now() - started) / 1000, counts: countsOf(tally) };
}

/** The lesson's own functions (writeBatch, the worker step, countSlice) over 2^21-slot rings, on one thread. */
export function lessonHotPath(
  messages: number,
  worker: 'zero-copy' | 'double-buffer',
  sample: () => void,
  chunk = DEFAULT_ARGS.chunk,
): LoopRun {
  const graph = GraphBuilder.forTesting().build(DEFAULT_ARGS);
  const rings = graph
    .channelBuilder()
    .withCodec(codecs.i32)
    .withCapacity(2 ** 21);
  const [generatorTx, generatorRx] = rings.build();
  const [workerTx, workerRx] = rings.build();
  const buffer = new Int32Array(chunk);
  const tally = emptyTally();
  const report = () => {};
  let next = 0;
  const started = performance.now();
  while (tally.processed < messages) {
    next = writeBatch(generatorTx, Math.min(chunk, messages - tally.processed), next);
    if (worker === 'zero-copy') zeroCopyStep(generatorRx, workerTx, chunk);
    else doubleBufferStep(generatorRx, workerTx, buffer);
    const count = workerRx.availUnits();
    const [first, second] = int32Region(workerRx.peekSlice());
    const inFirst = Math.min(count, first.length);
    countSlice(tally, first, inFirst, report);
    countSlice(tally, second, count - inFirst, report);
    workerRx.advanceTakeIndex(count);
    if ((tally.processed & 0xffffff) < chunk) sample();
  }
  return {
    messages: tally.processed,
    seconds: (performance.now() - started) / 1000,
    counts: countsOf(tally),
  };
}

type Message = { kind: 'Fizz' } | { kind: 'Buzz' } | { kind: 'FizzBuzz' } | { kind: 'Value'; value: number };

/** Variant 6: Readable → Transform → Writable in object mode, one object per message. */
export async function objectStreams(messages: number): Promise<LoopRun> {
  const counts: Counts = { fizz: 0, buzz: 0, fizzBuzz: 0, values: 0 };
  const started = performance.now();
  let next = 0;
  const source = new Readable({
    objectMode: true,
    read() {
      while (next < messages) if (!this.push({ value: next++ })) return;
      this.push(null);
    },
  });
  const toFizzBuzz = new Transform({
    objectMode: true,
    transform({ value }: { value: number }, _encoding, done) {
      let message: Message;
      if (value % 15 === 0) message = { kind: 'FizzBuzz' };
      else if (value % 3 === 0) message = { kind: 'Fizz' };
      else if (value % 5 === 0) message = { kind: 'Buzz' };
      else message = { kind: 'Value', value };
      done(null, message);
    },
  });
  const counter = new Writable({
    objectMode: true,
    write(message: Message, _encoding, done) {
      if (message.kind === 'Fizz') counts.fizz++;
      else if (message.kind === 'Buzz') counts.buzz++;
      else if (message.kind === 'FizzBuzz') counts.fizzBuzz++;
      else counts.values++;
      done();
    },
  });
  await pipeline(source, toFizzBuzz, counter);
  return { messages, seconds: (performance.now() - started) / 1000, counts };
}
