/** Exercise: stop the graph once the hopeless actor exceeds a restart limit. */
import { type Graph, SoloAct } from '@steady/runtime';
import { Hopeless } from './hopeless.ts';

export function buildGraph(graph: Graph<unknown>): Graph<unknown> {
  // TODO: this actor is restarted forever.
  graph.actorBuilder().withName('hopeless').build(Hopeless, [], SoloAct);
  return graph;
}
