/** Wrong: leaves out the backoff: the restarts follow each other at once. */
import { type Graph, SoloAct } from '@steady/runtime';
import { Hopeless } from '../../hopeless.ts';

export function buildGraph(graph: Graph<unknown>): Graph<unknown> {
  graph.actorBuilder().withName('hopeless').withRestartLimit(5, 10_000).build(Hopeless, [], SoloAct);
  return graph;
}
