/** Wrong: a backoff of 1 s, doubling: the failures soon fall further apart than the 10 s window can hold. */
import { type Graph, SoloAct } from '@steady/runtime';
import { Hopeless } from '../../hopeless.ts';

export function buildGraph(graph: Graph<unknown>): Graph<unknown> {
  graph.actorBuilder().withName('hopeless').withRestartLimit(5, 10_000, 1_000).build(Hopeless, [], SoloAct);
  return graph;
}
