/** Wrong: asks for SoloAct, but builds each heartbeat from a closure, which cannot cross to another thread. */
import { type Graph, SoloAct } from '@steady/runtime';
import { NAME_HEARTBEAT, run } from '../../../../src/actor/heartbeat.ts';
import type { MainArgs } from '../../../../src/args.ts';

export function buildGraph(graph: Graph<MainArgs>): Graph<MainArgs> {
  const heartbeats = graph.actorBuilder().withMcpuAvg();
  heartbeats.withNameAndSuffix(NAME_HEARTBEAT, 1).build((actor) => run(actor), SoloAct);
  heartbeats.withNameAndSuffix(NAME_HEARTBEAT, 2).build((actor) => run(actor), SoloAct);
  return graph;
}
