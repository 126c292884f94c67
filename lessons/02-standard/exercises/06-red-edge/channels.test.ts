import { CallingThread, GraphBuilder, newState } from '@steady/runtime';
import { captureLogs, waitUntil } from '@steady/runtime/testing';
import { expect, it } from 'vitest';
import { GeneratorActor, type GeneratorState, NAME_GENERATOR } from '../../src/actor/generator.ts';
import { HeartbeatActor, type HeartbeatState, NAME_HEARTBEAT } from '../../src/actor/heartbeat.ts';
import { LoggerActor, NAME_LOGGER } from '../../src/actor/logger.ts';
import { NAME_WORKER, WorkerActor } from '../../src/actor/worker.ts';
import { DEFAULT_ARGS } from '../../src/args.ts';
import { FizzBuzzCodec } from '../../src/fizzbuzz.ts';
import { withFillColours } from './channels.ts';

const FULL_EDGE = `${NAME_GENERATOR} -> ${NAME_WORKER}`;

/**
 * Each edge of a DOT text, as "from -> to" (the actors' names, the first line of their node
 * labels), with its colour: `color=red` in the edge's attributes gives 'red', none gives 'none'.
 */
function edgeColours(dot: string): Record<string, string> {
  const lines = dot.split('\n');
  const names = new Map<string, string>();
  for (const line of lines) {
    const node = /^\s*"([^"]+)"\s*\[label="((?:[^"\\]|\\.)*)"/.exec(line);
    if (node?.[1] && node[2] !== undefined) names.set(node[1], node[2].split('\\n')[0] ?? node[1]);
  }
  const edges: Record<string, string> = {};
  for (const line of lines) {
    const edge = /^\s*"([^"]+)"\s*->\s*"([^"]+)"\s*\[(.*)\]/.exec(line);
    if (!edge?.[1] || !edge[2]) continue;
    const attributes = (edge[3] ?? '').replace(/"(?:[^"\\]|\\.)*"/g, '""'); // labels may say anything
    const colour = /\bcolor=(\w+)/.exec(attributes)?.[1] ?? 'none';
    edges[`${names.get(edge[1]) ?? edge[1]} -> ${names.get(edge[2]) ?? edge[2]}`] = colour;
  }
  return edges;
}

it('/graph.dot draws the channel that stays full in red, and the empty ones uncoloured', async () => {
  const capture = captureLogs();
  // A heartbeat once a minute never beats during the test: the worker takes nothing, so the
  // generator's channel fills up and stays full, while the other two stay empty.
  const graph = GraphBuilder.forTesting()
    .withInternalBehavior()
    .withTelemetry() // an ephemeral port
    .build({ ...DEFAULT_ARGS, rate: 60_000 });
  // A 1 s window (ten 100 ms frames) lets the average settle in about a second.
  const channels = withFillColours(graph.channelBuilder().withTelemetryWindow(1000));
  const [heartbeatTx, heartbeatRx] = channels.withName('heartbeat').build();
  const [generatorTx, generatorRx] = channels.withName('generator').build();
  const [loggerTx, loggerRx] = channels.withCodec(FizzBuzzCodec).withName('fizzbuzz').build();
  // The real actors, on the test's own thread: no worker threads to start, so it stays quick when busy.
  const actors = graph.actorBuilder();
  actors
    .withName(NAME_HEARTBEAT)
    .build(HeartbeatActor, [heartbeatTx, newState<HeartbeatState>()], CallingThread);
  actors
    .withName(NAME_GENERATOR)
    .build(GeneratorActor, [generatorTx, newState<GeneratorState>()], CallingThread);
  actors.withName(NAME_WORKER).build(WorkerActor, [heartbeatRx, generatorRx, loggerTx], CallingThread);
  actors.withName(NAME_LOGGER).build(LoggerActor, [loggerRx], CallingThread);
  graph.start();
  try {
    const address = await graph.telemetry?.address;
    let edges: Record<string, string> = {};
    await waitUntil(
      async () => {
        edges = edgeColours(await (await fetch(`${address}/graph.dot`)).text());
        return edges[FULL_EDGE] === 'red';
      },
      6000,
      () => `the ${FULL_EDGE} edge to turn red in /graph.dot; edge colours were ${JSON.stringify(edges)}`,
      100, // one telemetry frame
    );
    expect(edges).toEqual({
      [`${NAME_HEARTBEAT} -> ${NAME_WORKER}`]: 'none',
      [FULL_EDGE]: 'red',
      [`${NAME_WORKER} -> ${NAME_LOGGER}`]: 'none',
    });
  } finally {
    graph.requestShutdown();
    await graph.blockUntilStopped(2000);
    capture.stop();
  }
});
