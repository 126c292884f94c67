/** Wrong: both heartbeats leave the calling thread, but share one worker thread as a troupe. */
import { type Graph, memberOf } from '@steady/runtime';
import { HeartbeatActor, NAME_HEARTBEAT } from '../../../../src/actor/heartbeat.ts';
import type { MainArgs } from '../../../../src/args.ts';

export function buildGraph(graph: Graph<MainArgs>): Graph<MainArgs> {
  const heartbeats = graph.actorBuilder().withMcpuAvg();
  const troupe = graph.actorTroupe();
  heartbeats.withNameAndSuffix(NAME_HEARTBEAT, 1).build(HeartbeatActor, [], memberOf(troupe));
  heartbeats.withNameAndSuffix(NAME_HEARTBEAT, 2).build(HeartbeatActor, [], memberOf(troupe));
  return graph;
}
