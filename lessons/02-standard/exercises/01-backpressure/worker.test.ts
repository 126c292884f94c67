import { GraphBuilder } from '@steady/runtime';
import { sendAll, takeAll } from '@steady/runtime/testing';
import { expect, it } from 'vitest';
import { FizzBuzzCodec, fizzBuzz } from '../../src/fizzbuzz.ts';
import { internalBehavior } from './worker.ts';

it('loses nothing when the logger channel is smaller than a batch', async () => {
  const graph = GraphBuilder.forTesting().build({});
  const [heartbeatTx, heartbeatRx] = graph.channelBuilder().build();
  const [generatorTx, generatorRx] = graph.channelBuilder().build();
  const [loggerTx, loggerRx] = graph.channelBuilder().withCodec(FizzBuzzCodec).withCapacity(4).build();
  graph
    .actorBuilder()
    .withName('worker')
    .build((actor) => internalBehavior(actor, heartbeatRx, generatorRx, loggerTx));
  sendAll(generatorTx, [0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
  sendAll(heartbeatTx, [0, 1, 2, 3]);
  graph.start();
  const received = [];
  const deadline = performance.now() + 2000;
  while (received.length < 10 && performance.now() < deadline) {
    received.push(...takeAll(loggerRx)); // the logger's side: drain what arrived
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
  graph.requestShutdown();
  heartbeatTx.markClosed();
  generatorTx.markClosed();
  await graph.blockUntilStopped(1000);
  received.push(...takeAll(loggerRx));
  expect(received).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9].map(fizzBuzz));
});
