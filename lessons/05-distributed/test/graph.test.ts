import { GraphBuilder } from '@steady/runtime';
import { captureLogs, StageDirection } from '@steady/runtime/testing';
import { it } from 'vitest';
import { DEFAULT_ARGS } from '../src/args.ts';
import { NAME_GENERATOR } from '../src/publish/actor/generator.ts';
import { NAME_HEARTBEAT } from '../src/publish/actor/heartbeat.ts';
import { buildGraph as buildPublish, NAME_PUBLISH } from '../src/publish/main.ts';
import { NAME_LOGGER } from '../src/subscribe/actor/logger.ts';
import { FIZZ_BUZZ } from '../src/subscribe/fizzbuzz.ts';
import { buildGraph as buildSubscribe, NAME_SUBSCRIBE } from '../src/subscribe/main.ts';

const ZERO = [0, 0, 0, 0, 0, 0, 0, 0];
const FIFTEEN = [0, 0, 0, 0, 0, 0, 0, 0x0f];

it('publish graph, simulated edges: heartbeat 0 and generator 15 leave as 8-byte big-endian frames on lanes 0 and 1', async () => {
  const capture = captureLogs();
  try {
    const graph = GraphBuilder.forTesting().build(DEFAULT_ARGS);
    buildPublish(graph); // heartbeat, generator and the aqueduct are simulated in a test graph
    graph.start();
    const stage = graph.stageManager();
    await stage.actorPerform(NAME_HEARTBEAT, StageDirection.echo(0));
    await stage.actorPerform(NAME_GENERATOR, StageDirection.echo(15));
    await stage.actorPerform(NAME_PUBLISH, StageDirection.waitFor(ZERO, 3000, 0));
    await stage.actorPerform(NAME_PUBLISH, StageDirection.waitFor(FIFTEEN, 3000, 1));
    stage.finalBow();
    graph.requestShutdown();
    await graph.blockUntilStopped(5000);
  } finally {
    capture.stop();
  }
});

it('subscribe graph, simulated edges: those two frames at lanes 0 and 1 make the logger see FizzBuzz', async () => {
  const capture = captureLogs();
  try {
    const graph = GraphBuilder.forTesting().build(DEFAULT_ARGS);
    buildSubscribe(graph);
    graph.start();
    const stage = graph.stageManager();
    // The value first, then the beat: a beat tells the worker to flush what it holds, so a beat that
    // overtook the value would flush nothing and leave 15 waiting for a full batch.
    await stage.actorPerform(NAME_SUBSCRIBE, StageDirection.echo(FIFTEEN, 1)); // the first value starts the sequence
    await stage.actorPerform(NAME_SUBSCRIBE, StageDirection.echo(ZERO, 0));
    await stage.actorPerform(NAME_LOGGER, StageDirection.waitFor(FIZZ_BUZZ, 3000)); // 15 is FizzBuzz
    stage.finalBow();
    graph.requestShutdown();
    await graph.blockUntilStopped(5000);
  } finally {
    capture.stop();
  }
});
