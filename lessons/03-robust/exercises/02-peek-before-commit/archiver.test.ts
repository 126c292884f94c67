import { GraphBuilder, newState } from '@steady/runtime';
import { captureLogs, sendAll } from '@steady/runtime/testing';
import { expect, it } from 'vitest';
import { SHOWSTOPPER_PEEKS } from '../../src/failures.ts';
import { FizzBuzzCodec, fizzBuzz } from '../../src/fizzbuzz.ts';
import { type ArchiverState, internalBehavior } from './archiver.ts';
import { Journal } from './journal.ts';

it('a message the journal refuses is retried, then dropped as a counted showstopper, never lost silently', async () => {
  const capture = captureLogs();
  try {
    const graph = GraphBuilder.forTesting().build({});
    const [tx, rx] = graph.channelBuilder().withCodec(FizzBuzzCodec).build();
    const tries: string[] = []; // every line the archiver asks the journal to write, accepted or not
    const journal = new (class extends Journal {
      override write(line: string): void {
        tries.push(line);
        super.write(line);
      }
    })();
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
    expect(
      tries.filter((line) => line === 'Value(41)').length,
      `the message the journal refuses must be tried ${SHOWSTOPPER_PEEKS} times before it is dropped: let the failed write fail the actor (do not catch it, do not skip the message), so that it restarts and peeks the message again until the showstopper check drops it`,
    ).toBe(SHOWSTOPPER_PEEKS);
    expect(
      state.peek()?.written,
      'the state counts the messages written, the refused one not among them: add one after each write the journal accepts',
    ).toBe(3);
  } finally {
    capture.stop();
  }
});
