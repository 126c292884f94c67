import { GraphBuilder } from '@steady/runtime';
import { captureLogs } from '@steady/runtime/testing';
import { expect, it } from 'vitest';
import type { MainArgs } from '../../src/args.ts';
import { internalBehavior } from './heartbeat.ts';

it('the graph stops by itself after 3 beats', async () => {
  const capture = captureLogs();
  const graph = GraphBuilder.forTesting().build<MainArgs>({ rate: 10, beats: 3 });
  graph
    .actorBuilder()
    .withName('heartbeat')
    .build((actor) => internalBehavior(actor));
  graph.start();
  const stopped = await Promise.race([
    graph.blockUntilStopped(1000).then(() => true),
    new Promise<false>((resolve) => setTimeout(() => resolve(false), 1500)),
  ]);
  if (!stopped) graph.requestShutdown(); // clean up before failing
  await graph.blockUntilStopped(1000);
  capture.stop();
  expect(stopped, 'the heartbeat should request shutdown after its third beat').toBe(true);
  expect(capture.messagesOf('heartbeat')).toHaveLength(3);
});
