import { GraphBuilder } from '@steady/runtime';
import { captureLogs } from '@steady/runtime/testing';
import { expect, it } from 'vitest';
import type { MainArgs } from '../../src/args.ts';
import { internalBehavior } from './heartbeat.ts';

it('stops cleanly within 500 ms when the graph is asked to stop', async () => {
  const capture = captureLogs();
  try {
    const graph = GraphBuilder.forTesting().build<MainArgs>({ rate: 10, beats: 1000 });
    graph
      .actorBuilder()
      .withName('heartbeat')
      .build((actor) => internalBehavior(actor));
    graph.start();
    await new Promise((resolve) => setTimeout(resolve, 50));
    graph.requestShutdown();
    await expect(graph.blockUntilStopped(500)).resolves.toBeUndefined();
  } finally {
    capture.stop();
  }
});
