/** Exercise: the relay must deliver each value exactly once across its failure. */
import { type Graph, type Rx, SoloAct, type Tx } from '@steady/runtime';
import { Relay } from './relay.ts';

export function buildGraph(graph: Graph<unknown>, input: Rx<number>, output: Tx<number>): Graph<unknown> {
  // TODO: a failure between send and take makes this relay send a value twice.
  graph.actorBuilder().withName('relay').build(Relay, [input, output], SoloAct);
  return graph;
}
