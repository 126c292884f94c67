import { GraphBuilder } from '@steady/runtime';
import { captureLogs, sendAll } from '@steady/runtime/testing';
import { expect, it } from 'vitest';
import { internalBehavior as logger } from '../../src/actor/logger.ts';
import { FizzBuzzCodec } from '../../src/fizzbuzz.ts';
import { internalBehavior as worker } from './worker.ts';

it('worker and logger both stop cleanly once the inputs are closed', async () => {
  const capture = captureLogs();
  try {
    const graph = GraphBuilder.forTesting().build({});
    const [heartbeatTx, heartbeatRx] = graph.channelBuilder().build();
    const [generatorTx, generatorRx] = graph.channelBuilder().build();
    const [loggerTx, loggerRx] = graph.channelBuilder().withCodec(FizzBuzzCodec).build();
    graph
      .actorBuilder()
      .withName('worker')
      .build((actor) => worker(actor, heartbeatRx, generatorRx, loggerTx));
    graph
      .actorBuilder()
      .withName('logger')
      .build((actor) => logger(actor, loggerRx));
    sendAll(generatorTx, [3, 5], { close: true });
    sendAll(heartbeatTx, [0], { close: true });
    graph.start();
    await capture.waitFor('Msg Buzz');
    graph.requestShutdown();
    const stopped = await graph.blockUntilStopped(1000).then(
      () => 'clean',
      (error: Error) => error.message,
    );
    expect(stopped).toBe('clean');
  } finally {
    capture.stop();
  }
});
