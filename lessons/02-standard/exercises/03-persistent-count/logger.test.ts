import { GraphBuilder, newState, SoloAct, type SteadyState } from '@steady/runtime';
import { captureLogs, sendAll } from '@steady/runtime/testing';
import { expect, it } from 'vitest';
import { FizzBuzzCodec, type FizzBuzzMessage } from '../../src/fizzbuzz.ts';
import { NumberedLogger } from './logger.ts';

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
    "the second life must continue the numbering where the first stopped: keep the count in the actor's persistent state (the state argument), not in a variable",
  ).toEqual(['#4 Msg FizzBuzz', '#5 Msg Value(8)']);
}, 60_000); // worker threads and telemetry frames: slow on a busy machine
