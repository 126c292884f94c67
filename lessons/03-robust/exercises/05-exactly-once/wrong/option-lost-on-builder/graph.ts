/** Wrong: asks a builder for exactly-once, then builds the relay from another builder without it. */
import { type Graph, type Rx, SoloAct, type Tx } from '@steady/runtime';
import { Relay } from '../../relay.ts';

export function buildGraph(graph: Graph<unknown>, input: Rx<number>, output: Tx<number>): Graph<unknown> {
  const relay = graph.actorBuilder().withName('relay');
  relay.withExactlyOnce();
  relay.build(Relay, [input, output], SoloAct);
  return graph;
}
