import { GraphBuilder, newState, SoloAct, type SteadyState } from '@steady/runtime';
import { captureLogs, sendAll } from '@steady/runtime/testing';
import { expect, it } from 'vitest';
import { FizzBuzzCodec, type FizzBuzzMessage } from '../../src/fizzbuzz.ts';
import { NumberedLogger, run } from './logger.ts';

/**
 * One life of the logger: a new graph, the logger on a new worker thread (so nothing of the last
 * life's module survives), the same persistent state. Returns the lines it logged.
 */
async function oneLife(
  state: SteadyState<{ logged: number }>,
  messages: FizzBuzzMessage[],
): Promise<string[]> {
  const capture = captureLogs();
  try {
    const graph = GraphBuilder.forTesting().build({});
    const [tx, rx] = graph.channelBuilder().withCodec(FizzBuzzCodec).build();
    graph.actorBuilder().withName('logger').build(NumberedLogger, [rx, state], SoloAct);
    sendAll(tx, messages, { close: true });
    graph.start();
    graph.requestShutdown(); // the logger still logs everything first: its input is not yet empty
    await graph.blockUntilStopped(20_000);
    return capture.messagesOf('logger');
  } finally {
    capture.stop();
  }
}

it('a second life of the logger, on a new thread, continues the numbering of the first', async () => {
  const state = newState<{ logged: number }>();
  const first = await oneLife(state, [{ kind: 'Fizz' }, { kind: 'Buzz' }, { kind: 'Value', value: 7 }]);
  expect(first, 'the first life numbers its lines from 1').toEqual([
    '#1 Msg Fizz',
    '#2 Msg Buzz',
    '#3 Msg Value(7)',
  ]);
  const second = await oneLife(state, [{ kind: 'FizzBuzz' }, { kind: 'Value', value: 8 }]);
  expect(
    second,
    `the second life must continue the numbering where the first stopped (it logged ${JSON.stringify(second)}): keep the count in the actor's persistent state (the state argument), not in a variable`,
  ).toEqual(['#4 Msg FizzBuzz', '#5 Msg Value(8)']);
}, 60_000); // worker threads and telemetry frames: slow on a busy machine

it('after a failure, the next life continues the numbering of the life that failed', async () => {
  const capture = captureLogs();
  try {
    const state = newState<{ logged: number }>();
    const graph = GraphBuilder.forTesting().build({});
    const [tx, rx] = graph.channelBuilder().withCodec(FizzBuzzCodec).build();
    let failed = false;
    graph
      .actorBuilder()
      .withName('logger')
      .build((actor) => {
        // The first life fails right after logging its second line; the runtime then starts a new
        // life, on this same thread, with the same state.
        const info = actor.log.info;
        actor.log.info = (message) => {
          info(message);
          if (!failed && message.startsWith('#2 ')) {
            failed = true;
            throw new Error('the log is full');
          }
        };
        return run(actor, rx, state);
      });
    sendAll(tx, [{ kind: 'Fizz' }, { kind: 'Buzz' }, { kind: 'Value', value: 7 }], { close: true });
    graph.start();
    graph.requestShutdown(); // the logger still logs everything first: its input is not yet empty
    await graph.blockUntilStopped(5000);
    const lines = capture.messagesOf('logger').filter((line) => line.startsWith('#'));
    expect(lines.slice(0, 2), 'the first life numbers its lines from 1').toEqual([
      '#1 Msg Fizz',
      '#2 Msg Buzz',
    ]);
    expect(
      lines.slice(2),
      'the life after the failure must go on from #2, the last line the failed life logged: count in the object of the state argument as you go, not in a copy written back at the end',
    ).toEqual(['#3 Msg Value(7)']);
  } finally {
    capture.stop();
  }
});
