/** Wrong: calls withDeadLetters on a builder but builds from the one before it: builders are immutable. */
import type { Graph, Rx, Tx } from '@steady/runtime';

export function buildWorkerInput(graph: Graph<unknown>): {
  generatorTx: Tx<number>;
  generatorRx: Rx<number>;
  deadLettersRx: Rx<number>;
} {
  const [deadLettersTx, deadLettersRx] = graph.channelBuilder().withName('dead letters').build();
  const generator = graph.channelBuilder().withName('generator');
  generator.withDeadLetters(deadLettersTx);
  const [generatorTx, generatorRx] = generator.build();
  return { generatorTx, generatorRx, deadLettersRx };
}
