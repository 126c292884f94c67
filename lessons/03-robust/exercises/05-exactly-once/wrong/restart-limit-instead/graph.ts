/** Wrong: limits the relay's restarts, which changes nothing about what a restart sends again. */
import { type Graph, type Rx, SoloAct, type Tx } from '@steady/runtime';
import { Relay } from '../../relay.ts';

export function buildGraph(graph: Graph<unknown>, input: Rx<number>, output: Tx<number>): Graph<unknown> {
  graph
    .actorBuilder()
    .withName('relay')
    .withRestartLimit(3, 10_000, 10)
    .build(Relay, [input, output], SoloAct);
  return graph;
}
