/** Solution: at most 5 restarts within 10 s, 10 ms backoff doubling; then the graph stops with an error. */
import { type Graph, SoloAct } from '@steady/runtime';
import { Hopeless } from '../hopeless.ts';

export function buildGraph(graph: Graph<unknown>): Graph<unknown> {
  graph.actorBuilder().withName('hopeless').withRestartLimit(5, 10_000, 10).build(Hopeless, [], SoloAct);
  return graph;
}
