import { GraphBuilder, newState } from '@steady/runtime';
import { captureLogs, sendAll } from '@steady/runtime/testing';
import { expect, it } from 'vitest';
import { FizzBuzzCodec, fizzBuzz } from '../../src/fizzbuzz.ts';
import { type ArchiverState, internalBehavior } from './archiver.ts';
import { Journal } from './journal.ts';

it('a message the journal refuses is retried, then dropped as a counted showstopper, never lost silently', async () => {
  const capture = captureLogs();
  try {
    const graph = GraphBuilder.forTesting().build({});
    const [tx, rx] = graph.channelBuilder().withCodec(FizzBuzzCodec).build();
    const journal = new Journal();
    const state = newState<ArchiverState>();
    graph
      .actorBuilder()
      .withName('archiver')
      .build((actor) => internalBehavior(actor, rx, journal, state));
    sendAll(tx, [40, 41, 43, 44].map(fizzBuzz), { close: true });
    graph.start();
    graph.requestShutdown(); // it still archives everything first: its input is not closed and empty yet
    await graph.blockUntilStopped(3000);
    expect(
      journal.lines,
      'every message the journal accepts is written exactly once, in order: take a message from the channel once it is written, so that the next peek sees the next one',
    ).toEqual(['Buzz', 'Value(43)', 'Value(44)']);
    expect(
      rx.droppedCount(),
      'the message the journal refused must not vanish silently: leave it in the channel until it is written (peek, write, then take), so that after 3 tries it is dropped as a counted showstopper',
    ).toBe(1);
    expect(state.peek()?.written, 'messages written').toBe(3);
  } finally {
    capture.stop();
  }
});
