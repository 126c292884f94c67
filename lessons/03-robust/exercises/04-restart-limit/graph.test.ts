import { GraphBuilder, GraphFailedError } from '@steady/runtime';
import { captureLogs, waitUntil } from '@steady/runtime/testing';
import { expect, it } from 'vitest';
import { buildGraph } from './graph.ts';

it('the graph stops with a clear error after 5 restarts spaced by a backoff', async () => {
  const capture = captureLogs();
  const graph = buildGraph(GraphBuilder.forTesting().build({}));
  graph.start();
  let racing = true;
  let giveUp: ReturnType<typeof setTimeout> | undefined;
  // A sixth restart means the limit did not stop the actor: no need to wait any longer.
  const restartedTooOften = waitUntil(
    () => !racing || graph.actorStatus(0).restarts > 5,
    20_000,
    'a sixth restart',
    20,
  ).then(() => `still restarting after ${graph.actorStatus(0).restarts} restarts`);
  // The backoff doubles after each failure: from a first one of b ms, the sixth failure comes 31·b
  // after the first. Past the 10 s window the limit can never be reached, as the first restart shows.
  const firstBackoff = () =>
    Number(
      capture
        .messagesOf('hopeless')
        .map((m) => / after (\d+) ms$/.exec(m)?.[1])
        .find(Boolean) ?? 0,
    );
  const backoffTooLong = waitUntil(
    () => !racing || firstBackoff() * 31 >= 10_000,
    20_000,
    'a backoff',
    20,
  ).then(
    () =>
      `a first backoff of ${firstBackoff()} ms doubles to put the sixth failure ${31 * firstBackoff()} ms after the first, past the 10 s window, so the limit is never reached`,
  );
  const outcome = await Promise.race([
    graph.blockUntilStopped(2000).then(
      () => 'stopped without an error',
      (error: unknown) => error,
    ),
    restartedTooOften,
    backoffTooLong,
    new Promise((resolve) => {
      giveUp = setTimeout(() => resolve('still restarting after 15 s'), 15_000);
    }),
  ]);
  racing = false;
  clearTimeout(giveUp);
  if (!graph.control.isShutdownRequested()) {
    graph.requestShutdown(); // clean up before failing
    await graph.blockUntilStopped(2000).catch(() => {});
  }
  capture.stop();
  const seen = outcome instanceof Error ? outcome.message.split('\n')[0] : String(outcome);
  expect(
    outcome,
    `${seen}: the graph must stop with a GraphFailedError once hopeless fails more than 5 times within 10 s: give its actor builder a restart limit of 5 restarts in a 10 s window, and a backoff of milliseconds (it doubles)`,
  ).toBeInstanceOf(GraphFailedError);
  expect(
    graph.actorStatus(0).restarts,
    'it gives up after exactly 5 restarts: withRestartLimit(5, …) allows 5 restarts within the window and stops the graph at the 6th failure',
  ).toBe(5);
  const restarting = capture.messagesOf('hopeless').filter((m) => m.startsWith('restarting'));
  expect(
    restarting.every((m) => / after \d+ ms$/.test(m)),
    `wait a short backoff between restarts (the third number of withRestartLimit, say 10 ms); the restarts were logged as ${JSON.stringify(restarting.slice(0, 2))}`,
  ).toBe(true);
}, 60_000); // worker threads and telemetry frames: slow on a busy machine
