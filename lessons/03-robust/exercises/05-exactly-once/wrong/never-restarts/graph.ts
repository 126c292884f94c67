/** Wrong: forbids restarts, reasoning that a relay that never restarts never sends anything twice. */
import { type Graph, type Rx, SoloAct, type Tx } from '@steady/runtime';
import { Relay } from '../../relay.ts';

export function buildGraph(graph: Graph<unknown>, input: Rx<number>, output: Tx<number>): Graph<unknown> {
  graph.actorBuilder().withName('relay').withRestartLimit(0, 10_000).build(Relay, [input, output], SoloAct);
  return graph;
}
