import { GraphBuilder } from '@steady/runtime';
import { captureLogs, waitUntil } from '@steady/runtime/testing';
import { expect, it } from 'vitest';
import type { MainArgs } from '../../src/args.ts';
import { internalBehavior } from './heartbeat.ts';

/** Runs the heartbeat with `beats`; returns its log lines and whether it stopped the graph itself. */
async function runWith(beats: number): Promise<{ lines: string[]; stoppedItself: boolean }> {
  const capture = captureLogs();
  const graph = GraphBuilder.forTesting().build<MainArgs>({ rate: 5, beats });
  graph
    .actorBuilder()
    .withName('heartbeat')
    .build((actor) => internalBehavior(actor));
  graph.start();
  // Done when the heartbeat asked for shutdown, returned without asking, or has clearly beaten past `beats`.
  await waitUntil(
    () =>
      graph.control.isShutdownRequested() ||
      graph.actorStatus(0).stopped ||
      capture.messagesOf('heartbeat').length > beats + 2,
    5000,
    `a shutdown request or more than ${beats + 2} beats`,
  );
  const stoppedItself = graph.control.isShutdownRequested();
  if (!stoppedItself) graph.requestShutdown(); // clean up before failing
  await graph.blockUntilStopped(1000);
  capture.stop();
  return { lines: capture.messagesOf('heartbeat'), stoppedItself };
}

it.each([3, 5])('the graph stops by itself after %i beats', async (beats) => {
  const { lines, stoppedItself } = await runWith(beats);
  expect(
    lines.length,
    `with beats: ${beats} the heartbeat must log exactly ${beats} beats: read the count from the actor's arguments, and stop after the last one`,
  ).toBe(beats);
  expect(stoppedItself, 'the heartbeat must ask the graph to stop after its last beat').toBe(true);
  expect(
    lines,
    `each beat is logged as \`Beat <n> of ${beats}\`, n counting up from 1 to ${beats}: the beat's number first, then how many beats there are`,
  ).toEqual(Array.from({ length: beats }, (_, i) => `Beat ${i + 1} of ${beats}`));
});
