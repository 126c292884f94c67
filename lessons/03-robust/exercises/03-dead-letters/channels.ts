/** Exercise: the worker's input channel, with a dead-letter channel for its showstoppers. */
import type { Graph, Rx, Tx } from '@steady/runtime';

export function buildWorkerInput(graph: Graph<unknown>): {
  generatorTx: Tx<number>;
  generatorRx: Rx<number>;
  deadLettersRx: Rx<number>;
} {
  const [deadLettersTx, deadLettersRx] = graph.channelBuilder().withName('dead letters').build();
  // TODO: showstoppers dropped from this channel should go to the dead-letter channel.
  const [generatorTx, generatorRx] = graph.channelBuilder().withName('generator').build();
  void deadLettersTx;
  return { generatorTx, generatorRx, deadLettersRx };
}
