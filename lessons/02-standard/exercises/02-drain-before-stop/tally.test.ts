import { GraphBuilder } from '@steady/runtime';
import { captureLogs, sendAll, waitUntil } from '@steady/runtime/testing';
import { expect, it } from 'vitest';
import { FizzBuzzCodec, type FizzBuzzMessage } from '../../src/fizzbuzz.ts';
import { internalBehavior } from './tally.ts';

const EARLY: FizzBuzzMessage[] = [{ kind: 'FizzBuzz' }, { kind: 'Value', value: 1 }];
const LATE: FizzBuzzMessage[] = [{ kind: 'Value', value: 2 }, { kind: 'Fizz' }, { kind: 'Buzz' }];

it('counts every message sent before its input closed, even those sent after shutdown began', async () => {
  const capture = captureLogs();
  try {
    const graph = GraphBuilder.forTesting().build({});
    const [messagesTx, messagesRx] = graph.channelBuilder().withCodec(FizzBuzzCodec).build();
    graph
      .actorBuilder()
      .withName('tally')
      .build((actor) => internalBehavior(actor, messagesRx));
    sendAll(messagesTx, EARLY);
    graph.start();
    graph.requestShutdown();
    // The tally has taken the early messages (or stopped); its producer has not closed the channel yet.
    await waitUntil(
      () => messagesRx.availUnits() === 0 || graph.actorStatus(0).stopped,
      3000,
      'the early messages to be taken',
    );
    sendAll(messagesTx, LATE, { close: true });
    const outcome = await graph.blockUntilStopped(1000).then(
      () => 'clean',
      (error: Error) => error.message,
    );
    expect(
      capture.messagesOf('tally').at(-1),
      'every message sent before the channel was closed must be counted: agree to stop only once the input is closed AND empty',
    ).toBe('tally: 1 FizzBuzz, 1 Fizz, 1 Buzz, 2 values');
    expect(outcome, 'the tally stops cleanly once its input is closed and empty').toBe('clean');
  } finally {
    capture.stop();
  }
});
