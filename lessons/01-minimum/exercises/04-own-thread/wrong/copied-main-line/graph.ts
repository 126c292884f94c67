/** Wrong: copies the line of src/main.ts twice, name included, so both heartbeats are called `heartbeat`. */
import { type Graph, SoloAct } from '@steady/runtime';
import { HeartbeatActor, NAME_HEARTBEAT } from '../../../../src/actor/heartbeat.ts';
import type { MainArgs } from '../../../../src/args.ts';

export function buildGraph(graph: Graph<MainArgs>): Graph<MainArgs> {
  const heartbeats = graph.actorBuilder().withMcpuAvg();
  heartbeats.withName(NAME_HEARTBEAT).build(HeartbeatActor, [], SoloAct);
  heartbeats.withName(NAME_HEARTBEAT).build(HeartbeatActor, [], SoloAct);
  return graph;
}
