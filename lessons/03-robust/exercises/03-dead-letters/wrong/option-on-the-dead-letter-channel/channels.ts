/** Wrong: gives the option to the dead-letter channel, pointing at the generator channel: the wrong way round. */
import type { Graph, Rx, Tx } from '@steady/runtime';

export function buildWorkerInput(graph: Graph<unknown>): {
  generatorTx: Tx<number>;
  generatorRx: Rx<number>;
  deadLettersRx: Rx<number>;
} {
  const [generatorTx, generatorRx] = graph.channelBuilder().withName('generator').build();
  const [, deadLettersRx] = graph
    .channelBuilder()
    .withName('dead letters')
    .withDeadLetters(generatorTx)
    .build();
  return { generatorTx, generatorRx, deadLettersRx };
}
