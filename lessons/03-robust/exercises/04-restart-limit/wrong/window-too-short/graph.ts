/** Wrong: a 10 ms window: failures spaced by the backoff never count as too many. */
import { type Graph, SoloAct } from '@steady/runtime';
import { Hopeless } from '../../hopeless.ts';

export function buildGraph(graph: Graph<unknown>): Graph<unknown> {
  graph.actorBuilder().withName('hopeless').withRestartLimit(5, 10, 10).build(Hopeless, [], SoloAct);
  return graph;
}
