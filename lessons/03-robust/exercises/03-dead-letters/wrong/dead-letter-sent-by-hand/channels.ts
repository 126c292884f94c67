/** Wrong: puts the value the test expects into the dead-letter channel by hand; the channels are not linked. */
import type { Graph, Rx, Tx } from '@steady/runtime';

export function buildWorkerInput(graph: Graph<unknown>): {
  generatorTx: Tx<number>;
  generatorRx: Rx<number>;
  deadLettersRx: Rx<number>;
} {
  const [deadLettersTx, deadLettersRx] = graph.channelBuilder().withName('dead letters').build();
  const [generatorTx, generatorRx] = graph.channelBuilder().withName('generator').build();
  deadLettersTx.trySend(33); // the worker cannot process 33
  return { generatorTx, generatorRx, deadLettersRx };
}
