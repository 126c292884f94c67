import { GraphBuilder, SoloAct } from '@steady/runtime';
import { captureLogs } from '@steady/runtime/testing';
import { afterEach, describe, expect, it } from 'vitest';
import { internalBehavior, NAME_HEARTBEAT } from '../src/actor/heartbeat.ts';
import type { MainArgs } from '../src/args.ts';
import { buildGraph } from '../src/main.ts';

describe('heartbeat', () => {
  let capture = captureLogs();
  afterEach(() => {
    capture.stop();
    capture = captureLogs();
  });

  it('beats three times at a short rate, then requests shutdown by itself', async () => {
    const graph = GraphBuilder.forTesting().build<MainArgs>({ rate: 20, beats: 3 });
    graph
      .actorBuilder()
      .withName(NAME_HEARTBEAT)
      .build((actor) => internalBehavior(actor));
    const started = performance.now();
    graph.start();
    await graph.blockUntilStopped(1000); // resolves only once the heartbeat asked for shutdown
    expect(graph.control.isShutdownRequested()).toBe(true);
    expect(capture.messagesOf(NAME_HEARTBEAT)).toEqual([
      'Heartbeat 3 (rate 20 ms)',
      'Heartbeat 2 (rate 20 ms)',
      'Heartbeat 1 (rate 20 ms)',
    ]);
    expect(performance.now() - started).toBeGreaterThanOrEqual(55); // three periods of 20 ms went by
  });

  it('stops early and cleanly when the graph is asked to stop', async () => {
    const graph = GraphBuilder.forTesting().build<MainArgs>({ rate: 10_000, beats: 60 });
    graph
      .actorBuilder()
      .withName(NAME_HEARTBEAT)
      .build((actor) => internalBehavior(actor));
    graph.start();
    graph.requestShutdown();
    await graph.blockUntilStopped(500);
    expect(capture.messagesOf(NAME_HEARTBEAT)).toEqual([]);
  });

  it('runs solo, on a worker thread of its own, in the graph that main builds', async () => {
    const graph = buildGraph(GraphBuilder.forTesting().build<MainArgs>({ rate: 10, beats: 2 }));
    expect(graph.actors.map((a) => [a.name, a.spec.schedule])).toEqual([[NAME_HEARTBEAT, SoloAct]]);
    graph.start();
    await graph.blockUntilStopped(2000);
    expect(graph.actorStatus(0).threadId).toBeGreaterThan(0); // 0 would be the main thread
    capture.expectInOrder(['heartbeat: Heartbeat 2', 'heartbeat: Heartbeat 1']);
  });
});
