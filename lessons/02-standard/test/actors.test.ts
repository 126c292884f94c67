import { GraphBuilder, newState } from '@steady/runtime';
import { assertTakeEquals, captureLogs, sendAll, waitUntil } from '@steady/runtime/testing';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { type GeneratorState, internalBehavior as generator } from '../src/actor/generator.ts';
import { type HeartbeatState, internalBehavior as heartbeat } from '../src/actor/heartbeat.ts';
import { internalBehavior as logger } from '../src/actor/logger.ts';
import { internalBehavior as worker } from '../src/actor/worker.ts';
import type { MainArgs } from '../src/args.ts';
import { FizzBuzzCodec } from '../src/fizzbuzz.ts';

const testGraph = (args: MainArgs = { rate: 1000, beats: 120 }) => GraphBuilder.forTesting().build(args);

describe('lesson 02 actors, each alone on a test graph', () => {
  let capture = captureLogs();
  beforeEach(() => {
    capture = captureLogs();
  });
  afterEach(() => capture.stop());

  it('generator alone produces 0, 1 first', async () => {
    const graph = testGraph();
    const [generatedTx, generatedRx] = graph.channelBuilder().withCapacity(64).build();
    const state = newState<GeneratorState>();
    graph
      .actorBuilder()
      .withName('generator')
      .build((actor) => generator(actor, generatedTx, state));
    graph.start();
    await waitUntil(() => generatedRx.availUnits() >= 2, 3000, 'two generated values');
    graph.requestShutdown();
    await graph.blockUntilStopped(1000);
    assertTakeEquals(generatedRx, [0, 1]);
  });

  it('heartbeat alone with a short rate produces 0, 1', async () => {
    const graph = testGraph({ rate: 100, beats: 120 });
    const [heartbeatTx, heartbeatRx] = graph.channelBuilder().withCapacity(64).build();
    const state = newState<HeartbeatState>();
    graph
      .actorBuilder()
      .withName('heartbeat')
      .build((actor) => heartbeat(actor, heartbeatTx, state));
    graph.start();
    await waitUntil(() => heartbeatRx.availUnits() >= 2, 3000, 'two heartbeats');
    graph.requestShutdown();
    await graph.blockUntilStopped(1000);
    assertTakeEquals(heartbeatRx, [0, 1]);
    expect(state.peek()?.count).toBeGreaterThanOrEqual(2);
  });

  it('worker fed 0..5 and one heartbeat emits FizzBuzz, 1, 2, Fizz, 4, Buzz', async () => {
    const graph = testGraph();
    const [heartbeatTx, heartbeatRx] = graph.channelBuilder().build();
    const [generatorTx, generatorRx] = graph.channelBuilder().build();
    const [loggerTx, loggerRx] = graph.channelBuilder().withCodec(FizzBuzzCodec).build();
    graph
      .actorBuilder()
      .withName('worker')
      .build((actor) => worker(actor, heartbeatRx, generatorRx, loggerTx));
    sendAll(generatorTx, [0, 1, 2, 3, 4, 5]);
    sendAll(heartbeatTx, [0]);
    graph.start();
    await waitUntil(() => loggerRx.availUnits() >= 6, 3000, 'six FizzBuzz messages');
    graph.requestShutdown();
    heartbeatTx.markClosed();
    generatorTx.markClosed();
    await graph.blockUntilStopped(1000);
    assertTakeEquals(loggerRx, [
      { kind: 'FizzBuzz' },
      { kind: 'Value', value: 1 },
      { kind: 'Value', value: 2 },
      { kind: 'Fizz' },
      { kind: 'Value', value: 4 },
      { kind: 'Buzz' },
    ]);
  });

  it('logger fed Fizz logs "Msg Fizz"', async () => {
    const graph = testGraph();
    const [fizzBuzzTx, fizzBuzzRx] = graph.channelBuilder().withCodec(FizzBuzzCodec).build();
    graph
      .actorBuilder()
      .withName('logger')
      .build((actor) => logger(actor, fizzBuzzRx));
    sendAll(fizzBuzzTx, [{ kind: 'Fizz' }, { kind: 'Value', value: 41 }], { close: true });
    graph.start();
    await capture.waitFor('Msg Value(41)');
    graph.requestShutdown();
    await graph.blockUntilStopped(1000);
    capture.expectInOrder(['logger: Msg Fizz', 'logger: Msg Value(41)']);
  });

  it('worker names the condition that holds a shutdown', async () => {
    const graph = testGraph();
    const [, heartbeatRx] = graph.channelBuilder().build();
    const [generatorTx, generatorRx] = graph.channelBuilder().build();
    const [loggerTx] = graph.channelBuilder().withCodec(FizzBuzzCodec).build();
    graph
      .actorBuilder()
      .withName('worker')
      .build((actor) => worker(actor, heartbeatRx, generatorRx, loggerTx));
    generatorTx.markClosed(); // the heartbeat channel is never closed
    graph.start();
    graph.requestShutdown();
    await expect(graph.blockUntilStopped(300)).rejects.toThrow(/worker: heartbeat closed and empty/);
  });
});
