import { codecs, GraphBuilder, newState } from '@steady/runtime';
import { assertTakeEquals, captureLogs, sendAll, takeAll, waitUntil } from '@steady/runtime/testing';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { type GeneratorState, internalBehavior as generator, writeBatch } from '../src/actor/generator.ts';
import { type LoggerState, internalBehavior as logger } from '../src/actor/logger.ts';
import { doubleBufferStep, internalBehavior as worker, zeroCopyStep } from '../src/actor/worker.ts';
import { DEFAULT_ARGS, type MainArgs, WORKER_KINDS } from '../src/args.ts';
import { COUNTER_WRAP, fizzBuzzCode } from '../src/fizzbuzz.ts';

// Small rings keep these tests fast; each actor caps its batch at half its ring.
const testGraph = (args: Partial<MainArgs> = {}) =>
  GraphBuilder.forTesting().build({ ...DEFAULT_ARGS, ...args });
const int32Channel = (graph: ReturnType<typeof testGraph>, capacity: number) =>
  graph.channelBuilder().withCodec(codecs.i32).withCapacity(capacity).build();
const range = (from: number, count: number) => Array.from({ length: count }, (_, i) => from + i);

describe('lesson 04 actors, each alone on a test graph', () => {
  let capture = captureLogs();
  beforeEach(() => {
    capture = captureLogs();
  });
  afterEach(() => capture.stop());

  it('generator writes at least one full batch, starting 0, 1', async () => {
    const graph = testGraph();
    const [generatedTx, generatedRx] = int32Channel(graph, 64); // batch: 32
    const state = newState<GeneratorState>();
    graph
      .actorBuilder()
      .withName('generator')
      .build((actor) => generator(actor, generatedTx, state));
    graph.start();
    await waitUntil(() => generatedRx.availUnits() >= 32, 3000, '32 generated values', 2);
    graph.requestShutdown();
    await graph.blockUntilStopped(1000);
    assertTakeEquals(generatedRx, range(0, 32));
    expect(state.peek()?.next).toBeGreaterThanOrEqual(32);
  });

  it.each(WORKER_KINDS)(
    '%s worker fed 0..999 and one heartbeat emits 1000 results: FizzBuzz, 1, …',
    async (kind) => {
      const graph = testGraph({ worker: kind });
      const [heartbeatTx, heartbeatRx] = int32Channel(graph, 16);
      const [generatorTx, generatorRx] = int32Channel(graph, 1024);
      const [workerTx, workerRx] = int32Channel(graph, 1024);
      graph
        .actorBuilder()
        .withName('worker')
        .build((actor) => worker(actor, heartbeatRx, generatorRx, workerTx));
      sendAll(generatorTx, range(0, 1000));
      sendAll(heartbeatTx, [0]); // 1000 is less than a batch (512): only the beat makes the worker go
      graph.start();
      await waitUntil(() => workerRx.availUnits() >= 1000, 3000, '1000 worker results', 2);
      graph.requestShutdown();
      heartbeatTx.markClosed();
      generatorTx.markClosed();
      await graph.blockUntilStopped(1000);
      const results = takeAll(workerRx);
      expect(results.length).toBeGreaterThanOrEqual(1000);
      expect(results.slice(0, 6)).toEqual([-3, 1, 2, -1, 4, -2]); // FizzBuzz, 1, 2, Fizz, 4, Buzz
      expect(results).toEqual(range(0, 1000).map(fizzBuzzCode));
    },
  );

  it('logger fed half its capacity logs the first counts, then a total at shutdown', async () => {
    const graph = testGraph();
    const [fizzBuzzTx, fizzBuzzRx] = int32Channel(graph, 64); // batch: 32, half the ring
    const state = newState<LoggerState>();
    graph
      .actorBuilder()
      .withName('logger')
      .build((actor) => logger(actor, fizzBuzzRx, state));
    sendAll(fizzBuzzTx, range(0, 32).map(fizzBuzzCode));
    graph.start();
    await capture.waitFor('Logger: 15 messages processed');
    graph.requestShutdown();
    fizzBuzzTx.markClosed();
    await graph.blockUntilStopped(1000);
    capture.expectInOrder([
      'logger: Logger: 1 messages processed (F:0, B:0, FB:1, V:0)',
      'logger: Logger: 4 messages processed (F:1, B:0, FB:1, V:2)',
      'logger: Logger: 15 messages processed (F:4, B:2, FB:1, V:8)',
      'logger: Logger: total 32 messages processed (F:8, B:4, FB:3, V:17)',
    ]);
    expect(capture.messagesOf('logger').filter((m) => /^Logger: \d+ messages/.test(m))).toHaveLength(15);
    expect(state.peek()).toEqual({ processed: 32, fizz: 8, buzz: 4, fizzBuzz: 3, values: 17 });
  });
});

describe('batch steps over rings that wrap', () => {
  // Moves a ring's positions to `at` so that the next region wraps.
  const positionAt = (graph: ReturnType<typeof testGraph>, capacity: number, at: number) => {
    const [tx, rx] = int32Channel(graph, capacity);
    sendAll(tx, range(0, at));
    takeAll(rx);
    return [tx, rx] as const;
  };

  it('the generator fills both views of a wrapped free region and commits them at once', () => {
    const graph = testGraph();
    const [tx, rx] = positionAt(graph, 16, 10);
    const next = writeBatch(tx, 12, COUNTER_WRAP - 5); // also wraps the counter
    expect(next).toBe(7);
    expect(takeAll(rx)).toEqual([...range(COUNTER_WRAP - 5, 5), ...range(0, 7)]);
  });

  it.each([
    [10, 2],
    [2, 10],
    [10, 12],
  ])('zero copy maps across the wraps (input at %i, output at %i)', (inAt, outAt) => {
    const graph = testGraph();
    const [generatorTx, generatorRx] = positionAt(graph, 16, inAt);
    const [workerTx, workerRx] = positionAt(graph, 16, outAt);
    sendAll(generatorTx, range(100, 12));
    expect(zeroCopyStep(generatorRx, workerTx, 16)).toBe(12);
    workerRx.resync();
    expect(takeAll(workerRx)).toEqual(range(100, 12).map(fizzBuzzCode));
    expect(generatorRx.availUnits()).toBe(0);
  });

  it('double buffer stages the batch in the buffer it is given, and takes only what fits', () => {
    const graph = testGraph();
    const [generatorTx, generatorRx] = positionAt(graph, 16, 10);
    const [workerTx, workerRx] = positionAt(graph, 8, 3);
    const buffer = new Int32Array(16);
    sendAll(generatorTx, range(100, 12));
    expect(doubleBufferStep(generatorRx, workerTx, buffer)).toBe(8); // the output has room for 8
    expect([...buffer.subarray(0, 8)]).toEqual(range(100, 8).map(fizzBuzzCode));
    expect(takeAll(workerRx)).toEqual(range(100, 8).map(fizzBuzzCode));
    expect(generatorRx.availUnits()).toBe(4); // the rest waits for the next batch
  });
});
