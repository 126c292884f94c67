import { codecs, GraphBuilder, newState } from '@steady/runtime';
import { captureLogs, sendAll } from '@steady/runtime/testing';
import { expect, it } from 'vitest';
import type { LoggerState } from '../../src/actor/logger.ts';
import { DEFAULT_ARGS } from '../../src/args.ts';
import { fizzBuzzCode } from '../../src/fizzbuzz.ts';
import { internalBehavior } from './logger.ts';

it('counts a trickle smaller than a batch while the graph still runs, then stops cleanly', async () => {
  const capture = captureLogs();
  const graph = GraphBuilder.forTesting().build(DEFAULT_ARGS);
  const [fizzBuzzTx, fizzBuzzRx] = graph.channelBuilder().withCodec(codecs.i32).withCapacity(64).build(); // batch 32
  const state = newState<LoggerState>();
  graph
    .actorBuilder()
    .withName('logger')
    .build((actor) => internalBehavior(actor, fizzBuzzRx, state));
  sendAll(fizzBuzzTx, [0, 1, 2, 3, 4].map(fizzBuzzCode)); // 5 messages: a batch will not fill
  graph.start();
  try {
    const seen = await capture.waitFor('Logger: 5 messages processed', 2000).then(
      () => 'counted',
      () => 'still waiting for a full batch after 2 s',
    );
    expect(seen).toBe('counted');
  } finally {
    graph.requestShutdown();
    fizzBuzzTx.markClosed();
    await graph.blockUntilStopped(1000);
    capture.stop();
  }
  expect(state.peek()).toEqual({ processed: 5, fizz: 1, buzz: 0, fizzBuzz: 1, values: 3 });
});
