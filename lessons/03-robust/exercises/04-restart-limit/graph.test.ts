import { GraphBuilder, GraphFailedError } from '@steady/runtime';
import { captureLogs } from '@steady/runtime/testing';
import { expect, it } from 'vitest';
import { buildGraph } from './graph.ts';

it('the graph stops with a clear error after at most 5 restarts', async () => {
  const capture = captureLogs();
  const graph = buildGraph(GraphBuilder.forTesting().build({}));
  graph.start();
  const outcome = await Promise.race([
    graph.blockUntilStopped(2000).then(
      () => 'stopped without an error',
      (error: unknown) => error,
    ),
    new Promise((resolve) => setTimeout(() => resolve('still restarting after 5 s'), 5000)),
  ]);
  if (!graph.control.isShutdownRequested()) {
    graph.requestShutdown(); // clean up before failing
    await graph.blockUntilStopped(2000).catch(() => {});
  }
  capture.stop();
  expect(outcome).toBeInstanceOf(GraphFailedError);
  expect(graph.actorStatus(0).restarts).toBeLessThanOrEqual(5);
});
