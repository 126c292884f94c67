/**
 * Lesson 1, minimum: a graph with one actor on its own thread.
 */
import { pathToFileURL } from 'node:url';
import { type Graph, GraphBuilder, runProgram, SoloAct } from '@steady/runtime';
import { HeartbeatActor, NAME_HEARTBEAT } from './actor/heartbeat.ts';
import { type MainArgs, parseArgs } from './args.ts';

/** Adds the actors to a graph: used by `main` and by the graph test alike. */
export function buildGraph(graph: Graph<MainArgs>): Graph<MainArgs> {
  graph
    .actorBuilder()
    .withName(NAME_HEARTBEAT)
    .withMcpuAvg() //#!#// monitored: its CPU use shows in telemetry
    .build(HeartbeatActor, [], SoloAct); //#!#// SoloAct: a worker thread of its own
  return graph;
}

export function main(argv: readonly string[]): Promise<number> {
  return runProgram(argv, parseArgs, async (args) => {
    const graph = buildGraph(GraphBuilder.forProduction().build(args));
    graph.start();
    graph.telemetry?.address.then((address) => console.log(`telemetry: ${address}`));
    await graph.blockUntilStopped(1000); //#!#// wait for the actor's shutdown request, then at most 1 s for a clean stop
    return 0;
  });
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  process.exitCode = await main(process.argv.slice(2));
}
