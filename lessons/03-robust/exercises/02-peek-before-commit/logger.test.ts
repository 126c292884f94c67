import { GraphBuilder, newState } from '@steady/runtime';
import { captureLogs, sendAll } from '@steady/runtime/testing';
import { expect, it } from 'vitest';
import type { LoggerState } from '../../src/actor/logger.ts';
import { TEST_ARGS } from '../../src/args.ts';
import { FizzBuzzCodec, fizzBuzz } from '../../src/fizzbuzz.ts';
import { internalBehavior } from './logger.ts';

it('a message that cannot be logged is dropped as a counted showstopper, never lost silently', async () => {
  const capture = captureLogs();
  try {
    const graph = GraphBuilder.forTesting().build({ ...TEST_ARGS, failures: true });
    const [tx, rx] = graph.channelBuilder().withCodec(FizzBuzzCodec).build();
    const state = newState<LoggerState>();
    graph
      .actorBuilder()
      .withName('logger')
      .build((actor) => internalBehavior(actor, rx, state));
    sendAll(tx, [40, 41, 43].map(fizzBuzz), { close: true });
    graph.start();
    await capture.waitFor('logger: Msg Value(43)');
    graph.requestShutdown();
    await graph.blockUntilStopped(1000);
    expect(rx.droppedCount(), 'showstoppers dropped (and reported)').toBe(1);
    expect(capture.lines().some((l) => l.includes('dropped a showstopper'))).toBe(true);
    expect(state.peek()?.logged).toBe(2);
  } finally {
    capture.stop();
  }
});
