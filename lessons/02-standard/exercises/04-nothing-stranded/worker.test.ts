import { GraphBuilder } from '@steady/runtime';
import { sendAll, takeAll } from '@steady/runtime/testing';
import { expect, it } from 'vitest';
import { FizzBuzzCodec, fizzBuzz } from '../../src/fizzbuzz.ts';
import { internalBehavior } from './worker.ts';

it('processes the values left at shutdown, without a heartbeat, and stops cleanly', async () => {
  const graph = GraphBuilder.forTesting().build({});
  const [heartbeatTx, heartbeatRx] = graph.channelBuilder().build();
  const [generatorTx, generatorRx] = graph.channelBuilder().build();
  const [loggerTx, loggerRx] = graph.channelBuilder().withCodec(FizzBuzzCodec).build();
  graph
    .actorBuilder()
    .withName('worker')
    .build((actor) => internalBehavior(actor, heartbeatRx, generatorRx, loggerTx));
  sendAll(generatorTx, [10, 11, 12, 13, 14, 15], { close: true });
  heartbeatTx.markClosed(); // the heartbeat has stopped beating
  graph.start();
  graph.requestShutdown();
  const stopped = await graph.blockUntilStopped(1000).then(
    () => 'clean',
    (error: Error) => error.message,
  );
  expect(takeAll(loggerRx)).toEqual([10, 11, 12, 13, 14, 15].map(fizzBuzz));
  expect(stopped).toBe('clean');
});
