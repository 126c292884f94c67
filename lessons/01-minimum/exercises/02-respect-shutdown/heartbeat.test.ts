import { GraphBuilder } from '@steady/runtime';
import { captureLogs, waitUntil } from '@steady/runtime/testing';
import { expect, it } from 'vitest';
import type { MainArgs } from '../../src/args.ts';
import { internalBehavior } from './heartbeat.ts';

it('stops cleanly when the graph asks, beats no more, and says how many beats it made', async () => {
  const capture = captureLogs();
  try {
    const graph = GraphBuilder.forTesting().build<MainArgs>({ rate: 20, beats: 1000 });
    graph
      .actorBuilder()
      .withName('heartbeat')
      .build((actor) => internalBehavior(actor));
    graph.start();
    const beatLines = () => capture.messagesOf('heartbeat').filter((m) => m.startsWith('Heartbeat '));
    await waitUntil(() => beatLines().length >= 2, 5000, 'two beats');
    // The test runs on the actor's thread: right now the actor is waiting for its next tick.
    const beatsBeforeShutdown = beatLines().length;
    graph.requestShutdown();
    const outcome = await graph.blockUntilStopped(1000).then(
      () => 'clean',
      (error: Error) => error.message,
    );
    expect(outcome, 'the actor must leave its loop once the graph asks: loop on actor.isRunning()').toBe(
      'clean',
    );
    expect(
      beatLines().length,
      'no beat may be logged after shutdown was requested: waitPeriodic resolves false when shutdown cut the wait short',
    ).toBe(beatsBeforeShutdown);
    expect(capture.messagesOf('heartbeat').at(-1), 'the last line, logged after the loop').toBe(
      `stopped after ${beatsBeforeShutdown} beats`,
    );
  } finally {
    capture.stop();
  }
});
