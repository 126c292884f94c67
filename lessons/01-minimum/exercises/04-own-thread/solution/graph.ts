/** Solution: each heartbeat is scheduled solo, on a worker thread of its own. */
import { type Graph, SoloAct } from '@steady/runtime';
import { HeartbeatActor, NAME_HEARTBEAT } from '../../../src/actor/heartbeat.ts';
import type { MainArgs } from '../../../src/args.ts';

export function buildGraph(graph: Graph<MainArgs>): Graph<MainArgs> {
  const heartbeats = graph.actorBuilder().withMcpuAvg();
  heartbeats.withNameAndSuffix(NAME_HEARTBEAT, 1).build(HeartbeatActor, [], SoloAct);
  heartbeats.withNameAndSuffix(NAME_HEARTBEAT, 2).build(HeartbeatActor, [], SoloAct);
  return graph;
}
