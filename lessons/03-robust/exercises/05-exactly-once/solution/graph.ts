/** Solution: the relay commits its sends and takes together; a failure rolls both back. */
import { type Graph, type Rx, SoloAct, type Tx } from '@steady/runtime';
import { Relay } from '../relay.ts';

export function buildGraph(graph: Graph<unknown>, input: Rx<number>, output: Tx<number>): Graph<unknown> {
  graph.actorBuilder().withName('relay').withExactlyOnce().build(Relay, [input, output], SoloAct);
  return graph;
}
