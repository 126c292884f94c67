import { GraphBuilder } from '@steady/runtime';
import { captureLogs, StageDirection } from '@steady/runtime/testing';
import { it } from 'vitest';
import { DEFAULT_ARGS } from '../../src/args.ts';
import { buildGraph } from './graph.ts';

it('extra leaves as lane 2, next to heartbeat (0) and generator (1)', async () => {
  const capture = captureLogs();
  try {
    const graph = GraphBuilder.forTesting().build(DEFAULT_ARGS);
    buildGraph(graph); // edge actors and the aqueduct are simulated
    graph.start();
    const stage = graph.stageManager();
    await stage.actorPerform('heartbeat', StageDirection.echo(0));
    await stage.actorPerform('generator', StageDirection.echo(15));
    await stage.actorPerform('extra', StageDirection.echo(7));
    await stage.actorPerform('publish', StageDirection.waitFor([0, 0, 0, 0, 0, 0, 0, 0], 2000, 0));
    await stage.actorPerform('publish', StageDirection.waitFor([0, 0, 0, 0, 0, 0, 0, 15], 2000, 1));
    await stage.actorPerform('publish', StageDirection.waitFor([0, 0, 0, 0, 0, 0, 0, 7], 2000, 2));
    stage.finalBow();
    graph.requestShutdown();
    await graph.blockUntilStopped(5000);
  } finally {
    capture.stop();
  }
});
