/** Exercise: run the heartbeat on a thread of its own. */
import { CallingThread, type Graph } from '@steady/runtime';
import { HeartbeatActor, NAME_HEARTBEAT } from '../../src/actor/heartbeat.ts';
import type { MainArgs } from '../../src/args.ts';

export function buildGraph(graph: Graph<MainArgs>): Graph<MainArgs> {
  // TODO: this runs the heartbeat on the calling thread.
  graph.actorBuilder().withName(NAME_HEARTBEAT).build(HeartbeatActor, [], CallingThread);
  return graph;
}
