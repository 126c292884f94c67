/** Exercise: run each of two heartbeats on a thread of its own. */
import { CallingThread, type Graph } from '@steady/runtime';
import { HeartbeatActor, NAME_HEARTBEAT } from '../../src/actor/heartbeat.ts';
import type { MainArgs } from '../../src/args.ts';

export function buildGraph(graph: Graph<MainArgs>): Graph<MainArgs> {
  const heartbeats = graph.actorBuilder().withMcpuAvg();
  // TODO: both heartbeats run on the thread that calls graph.start().
  heartbeats.withNameAndSuffix(NAME_HEARTBEAT, 1).build(HeartbeatActor, [], CallingThread);
  heartbeats.withNameAndSuffix(NAME_HEARTBEAT, 2).build(HeartbeatActor, [], CallingThread);
  return graph;
}
