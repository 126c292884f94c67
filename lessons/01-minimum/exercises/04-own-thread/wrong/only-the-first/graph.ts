/** Wrong: the first heartbeat is made solo, the second is left on the calling thread. */
import { CallingThread, type Graph, SoloAct } from '@steady/runtime';
import { HeartbeatActor, NAME_HEARTBEAT } from '../../../../src/actor/heartbeat.ts';
import type { MainArgs } from '../../../../src/args.ts';

export function buildGraph(graph: Graph<MainArgs>): Graph<MainArgs> {
  const heartbeats = graph.actorBuilder().withMcpuAvg();
  heartbeats.withNameAndSuffix(NAME_HEARTBEAT, 1).build(HeartbeatActor, [], SoloAct);
  heartbeats.withNameAndSuffix(NAME_HEARTBEAT, 2).build(HeartbeatActor, [], CallingThread);
  return graph;
}
