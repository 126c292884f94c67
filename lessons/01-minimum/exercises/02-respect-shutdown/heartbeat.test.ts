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
    // An actor that agrees stops within microseconds (the request ends its wait at once), so a
    // quarter second is ample even on a loaded machine. One that beats on has plainly not left its
    // loop: that is said at once, without waiting the quarter second out.
    let settled = false;
    const outcome = await Promise.race([
      graph.blockUntilStopped(250).then(
        () => 'clean',
        (error: Error) => error.message,
      ),
      waitUntil(() => settled || beatLines().length > beatsBeforeShutdown + 1, 1000).then(
        () => 'it beats on after shutdown was requested',
        () => 'no answer',
      ),
    ]);
    settled = true;
    expect(outcome, 'the actor must leave its loop once the graph asks: loop on actor.isRunning()').toBe(
      'clean',
    );
    expect(
      beatLines().length,
      'no beat may be logged after shutdown was requested: waitPeriodic resolves false when shutdown cut the wait short',
    ).toBe(beatsBeforeShutdown);
    expect(
      capture.messagesOf('heartbeat').at(-1),
      'the last line, logged after the loop, says how many beats were logged (a tick cut short by shutdown is not a beat)',
    ).toBe(`stopped after ${beatsBeforeShutdown} beats`);
  } finally {
    capture.stop();
  }
});

it('reports after the loop however the loop ended: also when the graph asks while the heartbeat is busy, not waiting', async () => {
  const capture = captureLogs();
  try {
    const graph = GraphBuilder.forTesting().build<MainArgs>({ rate: 5, beats: 1000 });
    graph
      .actorBuilder()
      .withName('heartbeat')
      .build((actor) => {
        // The graph is asked to stop while the heartbeat logs its second beat: no wait is cut short
        // this time, the loop simply finds the graph stopping at its next isRunning() check.
        const info = actor.log.info;
        actor.log.info = (message) => {
          info(message);
          if (message === 'Heartbeat 2') graph.requestShutdown();
        };
        return internalBehavior(actor);
      });
    graph.start();
    const outcome = await graph.blockUntilStopped(1000).then(
      () => 'clean',
      (error: Error) => error.message,
    );
    expect(outcome, 'the actor must leave its loop once the graph asks: loop on actor.isRunning()').toBe(
      'clean',
    );
    expect(
      capture.messagesOf('heartbeat'),
      'the final line must be logged however the loop ended: log `stopped after <n> beats` after the loop, not where a wait was cut short',
    ).toEqual(['Heartbeat 1', 'Heartbeat 2', 'stopped after 2 beats']);
  } finally {
    capture.stop();
  }
});
