/** Solution: the heartbeat is scheduled solo, on a worker thread of its own. */
import { type Graph, SoloAct } from '@steady/runtime';
import { HeartbeatActor, NAME_HEARTBEAT } from '../../../src/actor/heartbeat.ts';
import type { MainArgs } from '../../../src/args.ts';

export function buildGraph(graph: Graph<MainArgs>): Graph<MainArgs> {
  graph.actorBuilder().withName(NAME_HEARTBEAT).build(HeartbeatActor, [], SoloAct);
  return graph;
}
