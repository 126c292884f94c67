/** Wrong: a limit of 50 restarts: with a doubling backoff it keeps trying for minutes. */
import { type Graph, SoloAct } from '@steady/runtime';
import { Hopeless } from '../../hopeless.ts';

export function buildGraph(graph: Graph<unknown>): Graph<unknown> {
  graph.actorBuilder().withName('hopeless').withRestartLimit(50, 10_000, 10).build(Hopeless, [], SoloAct);
  return graph;
}
