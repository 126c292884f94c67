/** Solution: the input channel names its dead-letter channel. */
import type { Graph, Rx, Tx } from '@steady/runtime';

export function buildWorkerInput(graph: Graph<unknown>): {
  generatorTx: Tx<number>;
  generatorRx: Rx<number>;
  deadLettersRx: Rx<number>;
} {
  const [deadLettersTx, deadLettersRx] = graph.channelBuilder().withName('dead letters').build();
  const [generatorTx, generatorRx] = graph
    .channelBuilder()
    .withName('generator')
    .withDeadLetters(deadLettersTx)
    .build();
  return { generatorTx, generatorRx, deadLettersRx };
}
