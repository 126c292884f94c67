import { threadId } from 'node:worker_threads';
import { GraphBuilder } from '@steady/runtime';
import { captureLogs, waitUntil } from '@steady/runtime/testing';
import { expect, it } from 'vitest';
import type { MainArgs } from '../../src/args.ts';
import { buildGraph } from './graph.ts';

it('each of the two heartbeats beats on a worker thread of its own', async () => {
  const capture = captureLogs();
  try {
    const graph = buildGraph(GraphBuilder.forTesting().build<MainArgs>({ rate: 10, beats: 1000 }));
    expect(
      graph.actors.map((a) => a.name),
      'the graph holds the two heartbeats',
    ).toEqual(['heartbeat1', 'heartbeat2']);
    graph.start();
    // Worker threads take a moment to start, more on a busy machine: wait for a beat from each.
    await waitUntil(
      () => capture.messagesOf('heartbeat1').length > 0 && capture.messagesOf('heartbeat2').length > 0,
      30_000,
      'a beat from each heartbeat',
    );
    graph.requestShutdown();
    await graph.blockUntilStopped(5000);
    const [first, second] = [graph.actorStatus(0).threadId, graph.actorStatus(1).threadId];
    for (const [name, thread] of [
      ['heartbeat1', first],
      ['heartbeat2', second],
    ] as const) {
      expect(
        thread,
        `${name} ran on the thread that started the graph: schedule it on a worker thread of its own`,
      ).not.toBe(threadId);
    }
    expect(
      second,
      'heartbeat1 and heartbeat2 ran on the same worker thread: a troupe shares one thread, each heartbeat needs its own (SoloAct)',
    ).not.toBe(first);
  } finally {
    capture.stop();
  }
}, 60_000); // worker threads and telemetry frames: slow on a busy machine
