import { GraphBuilder } from '@steady/runtime';
import { captureLogs, sendAll } from '@steady/runtime/testing';
import { expect, it } from 'vitest';
import { FizzBuzzCodec } from '../../src/fizzbuzz.ts';
import { internalBehavior } from './logger.ts';

it('logs the messages that arrive after shutdown was requested, then stops cleanly', async () => {
  const capture = captureLogs();
  try {
    const graph = GraphBuilder.forTesting().build({});
    const [fizzBuzzTx, fizzBuzzRx] = graph.channelBuilder().withCodec(FizzBuzzCodec).build();
    graph
      .actorBuilder()
      .withName('logger')
      .build((actor) => internalBehavior(actor, fizzBuzzRx));
    graph.start();
    graph.requestShutdown();
    await new Promise((resolve) => setTimeout(resolve, 20));
    sendAll(fizzBuzzTx, [{ kind: 'Fizz' }, { kind: 'Buzz' }, { kind: 'Value', value: 7 }], { close: true });
    await graph.blockUntilStopped(1000);
    expect(capture.messagesOf('logger')).toEqual(['Msg Fizz', 'Msg Buzz', 'Msg Value(7)']);
  } finally {
    capture.stop();
  }
});
