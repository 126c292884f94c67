/** Wrong: a limit of 4: the actor gives up after 4 restarts, one before the 5 it may have. */
import { type Graph, SoloAct } from '@steady/runtime';
import { Hopeless } from '../../hopeless.ts';

export function buildGraph(graph: Graph<unknown>): Graph<unknown> {
  graph.actorBuilder().withName('hopeless').withRestartLimit(4, 10_000, 10).build(Hopeless, [], SoloAct);
  return graph;
}
