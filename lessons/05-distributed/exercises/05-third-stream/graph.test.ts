import { type ActorBuilder, CallingThread, GraphBuilder } from '@steady/runtime';
import { captureLogs, StageDirection } from '@steady/runtime/testing';
import { expect, it } from 'vitest';
import { DEFAULT_ARGS } from '../../src/args.ts';
import { STREAM_ID_BASE } from '../../src/wire.ts';
import { buildGraph } from './graph.ts';

/**
 * The graph as buildGraph sees it, except that every actor it builds has a restart limit: an actor
 * that fails on every start then stops the graph with its error, instead of restarting forever on
 * the test's thread.
 */
function withRestartLimit<T extends object>(graph: T & { actorBuilder(): ActorBuilder }): T {
  return new Proxy(graph, {
    get(target, property) {
      if (property === 'actorBuilder') return () => target.actorBuilder().withRestartLimit(3, 10_000, 20);
      const value = Reflect.get(target, property);
      return typeof value === 'function' ? value.bind(target) : value;
    },
  });
}

it('extra leaves as lane 2, next to heartbeat (0) and generator (1)', async () => {
  const capture = captureLogs();
  const graph = GraphBuilder.forTesting().build(DEFAULT_ARGS);
  let failed = true;
  try {
    buildGraph(withRestartLimit(graph), CallingThread); // edge actors and the aqueduct are simulated, on this thread
    graph.start();
    const stage = graph.stageManager();
    await stage.actorPerform('heartbeat', StageDirection.echo(0));
    await stage.actorPerform('generator', StageDirection.echo(15));
    await stage.actorPerform('extra', StageDirection.echo(7));
    // The simulated PUBLISH aqueduct checks what arrives on each lane: 8 big-endian bytes a value.
    await stage.actorPerform('publish', StageDirection.waitFor([0, 0, 0, 0, 0, 0, 0, 0], 2000, 0));
    await stage.actorPerform('publish', StageDirection.waitFor([0, 0, 0, 0, 0, 0, 0, 15], 2000, 1));
    await stage.actorPerform('publish', StageDirection.waitFor([0, 0, 0, 0, 0, 0, 0, 7], 2000, 2));
    stage.finalBow();
    // What the PUBLISH aqueduct was built with: buildAqueduct(streams, aeron(channel, streamIdBase), …).
    const [streams, tech] = graph.actors.find((actor) => actor.name === 'publish')?.spec.args ?? [];
    expect(
      (streams as readonly unknown[] | undefined)?.length,
      'lanes the PUBLISH aqueduct carries: heartbeat, generator and extra, one each (a bundle of exactly three streams)',
    ).toBe(3);
    expect(
      (tech as { streamIdBase?: number } | undefined)?.streamIdBase,
      "the aqueduct's stream id base: lane i leaves as Aeron stream STREAM_ID_BASE + i, so the base stays STREAM_ID_BASE and lane 2 is STREAM_ID_BASE + 2",
    ).toBe(STREAM_ID_BASE);
    failed = false;
  } finally {
    graph.requestShutdown();
    const stopped = graph.blockUntilStopped(5000);
    if (failed)
      await stopped.catch(() => undefined); // the failed direction is the error to report
    else await stopped;
    capture.stop();
  }
});
