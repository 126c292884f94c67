import { threadId } from 'node:worker_threads';
import { GraphBuilder } from '@steady/runtime';
import { captureLogs } from '@steady/runtime/testing';
import { expect, it } from 'vitest';
import type { MainArgs } from '../../src/args.ts';
import { buildGraph } from './graph.ts';

it('the heartbeat beats on a worker thread, not on the thread that started the graph', async () => {
  const capture = captureLogs();
  try {
    const graph = buildGraph(GraphBuilder.forTesting().build<MainArgs>({ rate: 10, beats: 2 }));
    graph.start();
    await graph.blockUntilStopped(3000);
    expect(capture.messagesOf('heartbeat')).toHaveLength(2);
    expect(graph.actorStatus(0).threadId, 'thread id of the heartbeat').not.toBe(threadId);
  } finally {
    capture.stop();
  }
});
