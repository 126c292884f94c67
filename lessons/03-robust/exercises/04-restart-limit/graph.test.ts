import { GraphBuilder, GraphFailedError } from '@steady/runtime';
import { captureLogs, waitUntil } from '@steady/runtime/testing';
import { expect, it } from 'vitest';
import { buildGraph } from './graph.ts';

it('the graph stops with a clear error after at most 5 restarts', async () => {
  const capture = captureLogs();
  const graph = buildGraph(GraphBuilder.forTesting().build({}));
  graph.start();
  let racing = true;
  // A sixth restart means the limit did not stop the actor: no need to wait any longer.
  const restartedTooOften = waitUntil(
    () => !racing || graph.actorStatus(0).restarts > 5,
    20_000,
    'a sixth restart',
    20,
  ).then(() => `still restarting after ${graph.actorStatus(0).restarts} restarts`);
  const outcome = await Promise.race([
    graph.blockUntilStopped(2000).then(
      () => 'stopped without an error',
      (error: unknown) => error,
    ),
    restartedTooOften,
    new Promise((resolve) => setTimeout(() => resolve('still restarting after 15 s'), 15_000)),
  ]);
  racing = false;
  if (!graph.control.isShutdownRequested()) {
    graph.requestShutdown(); // clean up before failing
    await graph.blockUntilStopped(2000).catch(() => {});
  }
  capture.stop();
  expect(
    outcome,
    'the graph must stop with a GraphFailedError once hopeless fails more than 5 times within 10 s: give its actor builder a restart limit of 5 restarts in a 10 s window',
  ).toBeInstanceOf(GraphFailedError);
  expect(graph.actorStatus(0).restarts, 'at most 5 restarts before giving up').toBeLessThanOrEqual(5);
}, 60_000); // worker threads and telemetry frames: slow on a busy machine
