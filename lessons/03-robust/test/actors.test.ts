import { GraphBuilder, newState, SoloAct } from '@steady/runtime';
import { assertTakeEquals, captureLogs, sendAll, takeAll, waitUntil } from '@steady/runtime/testing';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { type GeneratorState, internalBehavior as generator } from '../src/actor/generator.ts';
import { type LoggerState, internalBehavior as logger } from '../src/actor/logger.ts';
import { WorkerActor, type WorkerState, internalBehavior as worker } from '../src/actor/worker.ts';
import { type MainArgs, TEST_ARGS } from '../src/args.ts';
import { FizzBuzzCodec, fizzBuzz } from '../src/fizzbuzz.ts';

const WITH_FAILURES: MainArgs = { ...TEST_ARGS, failures: true };

describe('lesson 03 actors', () => {
  let capture = captureLogs();
  beforeEach(() => {
    capture = captureLogs();
  });
  afterEach(() => capture.stop());

  it('generator announces its life and produces 0, 1 first (planned failures off)', async () => {
    const graph = GraphBuilder.forTesting().build(TEST_ARGS);
    const [tx, rx] = graph.channelBuilder().build();
    const state = newState<GeneratorState>();
    graph
      .actorBuilder()
      .withName('generator')
      .build((actor) => generator(actor, tx, state));
    graph.start();
    await waitUntil(() => rx.availUnits() >= 2, 5000, 'two generated values');
    graph.requestShutdown();
    await graph.blockUntilStopped(1000);
    assertTakeEquals(rx, [0, 1]);
    capture.expectInOrder([
      'generator: starting (restart #0) with next value 0',
      'generator: stopping: generated',
    ]);
  });

  it('worker drops 33 as a showstopper after 3 failed tries, and processes everything else once', async () => {
    const graph = GraphBuilder.forTesting().build(WITH_FAILURES);
    const [heartbeatTx, heartbeatRx] = graph.channelBuilder().build();
    const [generatorTx, generatorRx] = graph.channelBuilder().build();
    const [loggerTx, loggerRx] = graph.channelBuilder().withCodec(FizzBuzzCodec).build();
    const state = newState<WorkerState>();
    graph
      .actorBuilder()
      .withName('worker')
      .withExactlyOnce()
      .build(WorkerActor, [heartbeatRx, generatorRx, loggerTx, state], SoloAct);
    sendAll(generatorTx, [30, 31, 32, 33, 34, 35], { close: true });
    sendAll(heartbeatTx, [0, 1, 2, 3], { close: true });
    graph.start();
    await capture.waitFor('dropped a showstopper from');
    graph.requestShutdown();
    await graph.blockUntilStopped(2000);
    expect(takeAll(loggerRx)).toEqual([30, 31, 32, 34, 35].map(fizzBuzz));
    expect(generatorRx.droppedCount()).toBe(1);
    expect(state.peek()).toEqual({ processed: 5 });
    expect(graph.actorStatus(0).restarts).toBe(3);
  });

  it('logger logs each message once around a showstopper: peek, log, then take', async () => {
    const graph = GraphBuilder.forTesting().build(WITH_FAILURES);
    const [tx, rx] = graph.channelBuilder().withCodec(FizzBuzzCodec).build();
    const state = newState<LoggerState>();
    graph
      .actorBuilder()
      .withName('logger')
      .build((actor) => logger(actor, rx, state));
    sendAll(tx, [40, 41, 42].map(fizzBuzz), { close: true });
    graph.start();
    await capture.waitFor('logger: Msg Fizz');
    graph.requestShutdown();
    await graph.blockUntilStopped(1000);
    expect(capture.messagesOf('logger').filter((m) => m.startsWith('Msg'))).toEqual(['Msg Buzz', 'Msg Fizz']);
    expect(rx.droppedCount()).toBe(1);
    expect(state.peek()).toEqual({ logged: 2 });
  });

  it('worker without planned failures turns 0..5 and a heartbeat into FizzBuzz, 1, 2, Fizz, 4, Buzz', async () => {
    const graph = GraphBuilder.forTesting().build(TEST_ARGS);
    const [heartbeatTx, heartbeatRx] = graph.channelBuilder().build();
    const [generatorTx, generatorRx] = graph.channelBuilder().build();
    const [loggerTx, loggerRx] = graph.channelBuilder().withCodec(FizzBuzzCodec).build();
    const state = newState<WorkerState>();
    graph
      .actorBuilder()
      .withName('worker')
      .build((actor) => worker(actor, heartbeatRx, generatorRx, loggerTx, state));
    sendAll(generatorTx, [0, 1, 2, 3, 4, 5], { close: true });
    sendAll(heartbeatTx, [0], { close: true });
    graph.start();
    await waitUntil(() => loggerRx.availUnits() >= 6, 5000, 'six FizzBuzz messages');
    graph.requestShutdown();
    await graph.blockUntilStopped(1000);
    expect(takeAll(loggerRx)).toEqual([0, 1, 2, 3, 4, 5].map(fizzBuzz));
  });
});
