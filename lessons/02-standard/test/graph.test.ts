import { CallingThread, GraphBuilder } from '@steady/runtime';
import { captureLogs, StageDirection } from '@steady/runtime/testing';
import { expect, it } from 'vitest';
import { NAME_GENERATOR } from '../src/actor/generator.ts';
import { NAME_HEARTBEAT } from '../src/actor/heartbeat.ts';
import { NAME_LOGGER } from '../src/actor/logger.ts';
import { DEFAULT_ARGS } from '../src/args.ts';
import { buildGraph } from '../src/main.ts';

it('the whole graph, with simulated edge actors: generator echoes 15, heartbeat 100, logger sees FizzBuzz', async () => {
  const capture = captureLogs();
  try {
    // Edge actors are simulated; every actor runs on this thread, so none waits for a worker thread to start.
    const graph = buildGraph(GraphBuilder.forTesting().build(DEFAULT_ARGS), CallingThread);
    graph.start();
    const stage = graph.stageManager();
    await stage.actorPerform(NAME_GENERATOR, StageDirection.echo(15));
    await stage.actorPerform(NAME_HEARTBEAT, StageDirection.echo(100));
    await stage.actorPerform(NAME_LOGGER, StageDirection.waitFor({ kind: 'FizzBuzz' }, 2000));
    stage.finalBow();
    graph.requestShutdown();
    await graph.blockUntilStopped(5000);
  } finally {
    capture.stop();
  }
});

it('the stage manager reports a message other than the one expected', async () => {
  const capture = captureLogs();
  try {
    const graph = buildGraph(GraphBuilder.forTesting().build(DEFAULT_ARGS), CallingThread);
    graph.start();
    const stage = graph.stageManager();
    await stage.actorPerform(NAME_GENERATOR, StageDirection.echo(7));
    await stage.actorPerform(NAME_HEARTBEAT, StageDirection.echo(0));
    await expect(
      stage.actorPerform(NAME_LOGGER, StageDirection.waitFor({ kind: 'Fizz' }, 2000)),
    ).rejects.toThrow(/logger: on input 0, expected \{"kind":"Fizz"\}, got \{"kind":"Value","value":7\}/);
    graph.requestShutdown();
    await graph.blockUntilStopped(5000);
  } finally {
    capture.stop();
  }
});
