import { GraphBuilder } from '@steady/runtime';
import { captureLogs, sendAll, waitUntil } from '@steady/runtime/testing';
import { expect, it } from 'vitest';
import { FizzBuzzCodec, type FizzBuzzMessage } from '../../src/fizzbuzz.ts';
import { internalBehavior } from './tally.ts';

/** Messages sent before the start, messages sent after shutdown began (then the close), the tally of all. */
const CASES: { early: FizzBuzzMessage[]; late: FizzBuzzMessage[]; tally: string }[] = [
  {
    early: [{ kind: 'FizzBuzz' }, { kind: 'Value', value: 1 }],
    late: [{ kind: 'Value', value: 2 }, { kind: 'Fizz' }, { kind: 'Buzz' }],
    tally: 'tally: 1 FizzBuzz, 1 Fizz, 1 Buzz, 2 values',
  },
  {
    early: [{ kind: 'Fizz' }, { kind: 'Value', value: 1 }],
    late: [
      { kind: 'Fizz' },
      { kind: 'Value', value: 2 },
      { kind: 'Fizz' },
      { kind: 'Value', value: 4 },
      { kind: 'Buzz' },
    ],
    tally: 'tally: 0 FizzBuzz, 3 Fizz, 1 Buzz, 3 values',
  },
];

it.each(CASES)(
  'counts every message sent before its input closed, even those sent after shutdown began ($tally)',
  async ({ early, late, tally }) => {
    const capture = captureLogs();
    try {
      const graph = GraphBuilder.forTesting().build({});
      const [messagesTx, messagesRx] = graph.channelBuilder().withCodec(FizzBuzzCodec).build();
      graph
        .actorBuilder()
        .withName('tally')
        .build((actor) => internalBehavior(actor, messagesRx));
      sendAll(messagesTx, early);
      graph.start();
      graph.requestShutdown();
      // The tally has taken the early messages (or stopped); its producer has not closed the channel yet.
      await waitUntil(
        () => messagesRx.availUnits() === 0 || graph.actorStatus(0).stopped,
        3000,
        'the early messages to be taken',
      );
      sendAll(messagesTx, late, { close: true });
      const outcome = await graph.blockUntilStopped(1000).then(
        () => 'clean',
        (error: Error) => error.message,
      );
      expect(
        capture.messagesOf('tally').at(-1),
        'the last line tallies every message sent before the channel was closed, by kind: agree to stop only once the input is closed AND empty',
      ).toBe(tally);
      expect(outcome, 'the tally stops cleanly once its input is closed and empty').toBe('clean');
    } finally {
      capture.stop();
    }
  },
);
